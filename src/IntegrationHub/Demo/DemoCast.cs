using IntegrationHub.Core.Dossiers;

namespace IntegrationHub.Demo;

/// <summary>The people of the demo: invented applicants and, per agency, the officials who handle its dossiers.</summary>
public static class DemoCast
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu", "Đức", "Kim"];
    private static readonly string[] GivenNames = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"];

    /// <summary>Officials by agency: reception (one-stop desk), processing, and the leader who signs the result.</summary>
    private static readonly Dictionary<string, Official[]> Officials = new()
    {
        ["000.00.25.H47"] =
        [
            new("Lê Thị Hồng", "Chuyên viên", "Bộ phận Một cửa"),
            new("Nguyễn Văn Tài", "Chuyên viên", "Phòng Đăng ký kinh doanh"),
            new("Đỗ Thị Thu Hà", "Chuyên viên chính", "Phòng Đăng ký kinh doanh"),
            new("Phạm Quốc Huy", "Trưởng phòng", "Phòng Đăng ký kinh doanh"),
        ],
        ["000.00.19.H47"] =
        [
            new("Võ Thị Mỹ Linh", "Chuyên viên", "Bộ phận Một cửa"),
            new("Trần Minh Khoa", "Chuyên viên", "Phòng Quản lý thương mại"),
            new("Huỳnh Văn Lộc", "Chuyên viên", "Phòng Kỹ thuật an toàn - Môi trường"),
            new("Bùi Thanh Sơn", "Phó Giám đốc", "Ban Giám đốc"),
        ],
        ["000.00.20.H47"] =
        [
            new("Ngô Thị Lan", "Chuyên viên", "Bộ phận Một cửa"),
            new("Hồ Văn Nghĩa", "Chuyên viên", "Phòng Hành chính tư pháp"),
            new("Dương Thị Ánh", "Chuyên viên", "Phòng Hành chính tư pháp"),
            new("Lê Quang Vinh", "Trưởng phòng", "Phòng Hành chính tư pháp"),
        ],
        ["000.30.20.H47"] =
        [
            new("Phan Thị Diễm", "Công chức Tư pháp - Hộ tịch", "Bộ phận Một cửa phường"),
            new("Nguyễn Hữu Phước", "Công chức Tư pháp - Hộ tịch", "UBND phường Tân Lợi"),
            new("Trần Thị Bích", "Công chức Văn phòng - Thống kê", "UBND phường Tân Lợi"),
            new("Võ Văn Tâm", "Phó Chủ tịch", "UBND phường Tân Lợi"),
        ],
    };

    private static readonly Official[] Fallback =
    [
        new("Lê Văn An", "Chuyên viên", "Bộ phận Một cửa"),
        new("Nguyễn Thị Bình", "Chuyên viên chính", "Phòng Nghiệp vụ"),
        new("Trần Quốc Cường", "Trưởng phòng", "Phòng Nghiệp vụ"),
        new("Phạm Minh Dũng", "Phó Giám đốc", "Ban Giám đốc"),
    ];

    public static readonly string[] SupplementNotes =
    [
        "Thiếu bản sao chứng thực giấy tờ pháp lý của cá nhân",
        "Bản kê khai chưa đúng mẫu, đề nghị bổ sung",
        "Thiếu văn bản ủy quyền cho người nộp hồ sơ",
        "Thông tin trên tờ khai chưa khớp với giấy tờ kèm theo",
    ];

    public static readonly string[] ApologyReasons =
    [
        "Hồ sơ cần xác minh thêm với cơ quan liên quan",
        "Hệ thống của Bộ gián đoạn, chưa cập nhật được kết quả",
        "Số lượng hồ sơ tăng đột biến trong kỳ",
        "Cán bộ thụ lý nghỉ ốm, đã bàn giao cho người khác",
    ];

    /// <summary>Reception (0), two processing officials (1, 2), the leader who signs (3).</summary>
    public static Official[] For(string agencyCode) => Officials.TryGetValue(agencyCode, out var list) ? list : Fallback;

    public static string ApplicantName(Random random) =>
        $"{Pick(FamilyNames, random)} {Pick(MiddleNames, random)} {Pick(GivenNames, random)}";

    /// <summary>An invented 12-digit CCCD number under the province's prefix (054, Phú Yên's, in the sample PKI).</summary>
    public static string IdNumber(Random random) => $"0540{random.Next(80, 100):D2}{random.Next(0, 1_000_000):D6}";

    public static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];
}
