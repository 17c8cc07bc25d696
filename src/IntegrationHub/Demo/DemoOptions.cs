namespace IntegrationHub.Demo;

/// <summary>
/// Demo:* settings. On (appsettings.Development.json) the hub seeds a history of dossiers once and keeps submitting
/// new signed ones; off with Demo:Enabled=false (or `--no-demo` on the command line).
/// </summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }

    /// <summary>How many past dossiers the history holds (written once, on the first start).</summary>
    public int HistoryDossiers { get; set; } = 2400;

    /// <summary>How many days back the history reaches (it ends the day before the first start).</summary>
    public int HistoryDays { get; set; } = 120;

    /// <summary>A new dossier arrives this often; zero or less stops the live feed (the history is still written).</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The folder holding the sample PKI (citizen.p12, root-ca.crt); relative to the content root.</summary>
    public string CertificatesDir { get; set; } = "../../certs-sample";

    /// <summary>PKCS#12 password of the sample certificates (published with them; for the demo only).</summary>
    public string CertificatesPassword { get; set; } = "changeit";

    /// <summary>Live dossiers number their day from here, so the codes below it stay free for people trying the API by hand.</summary>
    public const int FirstLiveSequence = 5001;

    /// <summary>The largest sequence a dossier code can carry (DossierCode accepts 4 to 6 digits).</summary>
    public const int LastSequence = 999_999;
}
