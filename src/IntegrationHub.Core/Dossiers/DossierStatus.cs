namespace IntegrationHub.Core.Dossiers;

/// <summary>The national portal's dossier status codes (trạng thái hồ sơ). 3, 7, 8, 9 and 10 end processing.</summary>
public enum DossierStatus
{
    /// <summary>Mới đăng ký.</summary>
    Registered = 1,
    /// <summary>Được tiếp nhận.</summary>
    Received = 2,
    /// <summary>Không được tiếp nhận.</summary>
    Refused = 3,
    /// <summary>Đang xử lý.</summary>
    Processing = 4,
    /// <summary>Yêu cầu bổ sung giấy tờ: the clock pauses.</summary>
    SupplementRequested = 5,
    /// <summary>Yêu cầu thực hiện nghĩa vụ tài chính.</summary>
    PaymentRequested = 6,
    /// <summary>Công dân yêu cầu rút hồ sơ.</summary>
    Withdrawn = 7,
    /// <summary>Dừng xử lý.</summary>
    Stopped = 8,
    /// <summary>Đã xử lý xong.</summary>
    Resolved = 9,
    /// <summary>Đã trả kết quả.</summary>
    ResultReturned = 10,
}
