namespace IntegrationHub.Core.Dossiers;

/// <summary>The national portal's names of the status codes, in Vietnamese (as published) and English.</summary>
public static class DossierStatusNames
{
    public static string Vietnamese(DossierStatus status) => status switch
    {
        DossierStatus.Registered => "Mới đăng ký",
        DossierStatus.Received => "Được tiếp nhận",
        DossierStatus.Refused => "Không được tiếp nhận",
        DossierStatus.Processing => "Đang xử lý",
        DossierStatus.SupplementRequested => "Yêu cầu bổ sung giấy tờ",
        DossierStatus.PaymentRequested => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.Withdrawn => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Resolved => "Đã xử lý xong",
        DossierStatus.ResultReturned => "Đã trả kết quả",
        _ => throw new ArgumentOutOfRangeException(nameof(status), (int)status, "Not a national status code (1–10)."),
    };

    public static string English(DossierStatus status) => status switch
    {
        DossierStatus.Registered => "registered",
        DossierStatus.Received => "received",
        DossierStatus.Refused => "refused",
        DossierStatus.Processing => "processing",
        DossierStatus.SupplementRequested => "supplement requested",
        DossierStatus.PaymentRequested => "payment requested",
        DossierStatus.Withdrawn => "withdrawn",
        DossierStatus.Stopped => "stopped",
        DossierStatus.Resolved => "resolved",
        DossierStatus.ResultReturned => "result returned",
        _ => throw new ArgumentOutOfRangeException(nameof(status), (int)status, "Not a national status code (1–10)."),
    };

    /// <summary>Parses a national code (1–10) from an integer; false for anything else.</summary>
    public static bool TryFromCode(int code, out DossierStatus status)
    {
        status = (DossierStatus)code;
        return code is >= 1 and <= 10;
    }
}
