namespace IntegrationHub.Connectors.Configuration;

/// <summary>
/// The status and error tables of each contract in contracts/verticals/, as defaults. Configuration
/// (Verticals:&lt;system&gt;:StatusMap / ErrorMap) adds or overrides entries without a release.
/// </summary>
public static class VerticalDefaults
{
    public static void Apply(string system, VerticalOptions o)
    {
        switch (system)
        {
            case VerticalSystems.PlanningInvestment:
                Fill(o.StatusMap, ("TIEP_NHAN", 2), ("DANG_XU_LY", 4), ("YEU_CAU_BO_SUNG", 5), ("CHO_NOP_PHI", 6),
                    ("DA_XU_LY", 9), ("TRA_KET_QUA", 10), ("TU_CHOI", 3), ("DUNG_XU_LY", 8));
                Fill(o.ErrorMap, ("AUTH-*", "authentication"), ("VAL-*", "validation"), ("NF-*", "not-found"), ("SYS-*", "transient"));
                break;
            case VerticalSystems.Justice:
                // Civil status: 1 received, 2 processing, 3 resolved, 4 result returned.
                Fill(o.StatusMap, ("1", 2), ("2", 4), ("3", 9), ("4", 10));
                Fill(o.ErrorMap, ("401", "authentication"), ("403", "authentication"), ("422", "validation"),
                    ("404", "not-found"), ("503", "transient"));
                break;
            case VerticalSystems.Trade:
                Fill(o.StatusMap, ("RECEIVED", 2), ("PROCESSING", 4), ("SUPPLEMENT", 5), ("FEE_REQUIRED", 6),
                    ("DONE", 9), ("RETURNED", 10), ("REJECTED", 3), ("CANCELLED", 7));
                Fill(o.ErrorMap, ("UNAUTHORIZED", "authentication"), ("invalid_client", "authentication"),
                    ("VALIDATION_*", "validation"), ("PROCEDURE_NOT_FOUND", "not-found"),
                    ("DOSSIER_NOT_FOUND", "not-found"), ("SERVICE_UNAVAILABLE", "transient"));
                break;
            case VerticalSystems.NationalPortal:
                for (var i = 1; i <= 10; i++) o.StatusMap.TryAdd(i.ToString(), i);
                Fill(o.ErrorMap, ("-1", "authentication"), ("1", "validation"), ("2", "not-found"), ("99", "transient"));
                break;
        }
    }

    private static void Fill<T>(Dictionary<string, T> map, params (string Key, T Value)[] entries)
    {
        foreach (var (key, value) in entries) map.TryAdd(key, value);
    }
}
