namespace Chaos;

/// <summary>What one run is given on its command line (the scripts fill it in).</summary>
public sealed record ChaosOptions
{
    public required string Verb { get; init; }
    /// <summary>The hub's main assembly (run with dotnet) or a published `hub` executable.</summary>
    public required string Hub { get; init; }
    public required string Work { get; init; }
    public required string TrustAnchor { get; init; }
    public required string SignedPdf { get; init; }
    public string Store { get; init; } = "sqlite";
    /// <summary>PostgreSQL connection string of a fresh database (store "postgres").</summary>
    public string? Postgres { get; init; }
    public int Nodes { get; init; } = 1;
    public int Dossiers { get; init; } = 10_000;
    public int Kills { get; init; } = 20;
    public double MinGap { get; init; } = 1;
    public double MaxGap { get; init; } = 8;
    public int Concurrency { get; init; } = 8;
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(15);
    public double Minutes { get; init; } = 10;
    public double Rate { get; init; } = 20;
    public string DownSystem { get; init; } = "trade";
    public int Seed { get; init; } = Environment.TickCount;

    public static ChaosOptions Parse(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("usage: chaos crash|outage --hub DLL --work DIR --trust PEM --pdf FILE [options]");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"'{args[i]}' needs a value");
            values[args[i][2..]] = args[++i];
        }
        string Need(string k) => values.TryGetValue(k, out var v) ? v : throw new ArgumentException($"--{k} is required");
        int Int(string k, int d) => values.TryGetValue(k, out var v) ? int.Parse(v) : d;
        double Num(string k, double d) => values.TryGetValue(k, out var v) ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : d;
        var o = new ChaosOptions
        {
            Verb = args[0], Hub = Need("hub"), Work = Need("work"), TrustAnchor = Need("trust"), SignedPdf = Need("pdf"),
            Store = values.GetValueOrDefault("store", "sqlite"), Postgres = values.GetValueOrDefault("postgres"),
            Nodes = Int("nodes", 1), Dossiers = Int("dossiers", 10_000), Kills = Int("kills", 20),
            MinGap = Num("min-gap", 1), MaxGap = Num("max-gap", 8), Concurrency = Int("concurrency", 8),
            Lease = TimeSpan.FromSeconds(Num("lease-seconds", 30)), DrainTimeout = TimeSpan.FromMinutes(Num("drain-minutes", 15)),
            Minutes = Num("minutes", 10), Rate = Num("rate", 20), DownSystem = values.GetValueOrDefault("down", "trade"),
            Seed = Int("seed", Environment.TickCount),
        };
        if (o.Store is not ("sqlite" or "postgres")) throw new ArgumentException("--store is sqlite or postgres");
        if (o.Store == "postgres" && o.Postgres is null) throw new ArgumentException("--store postgres needs --postgres CS");
        if (o.Nodes is < 1 or > 2 || (o.Nodes == 2 && o.Store != "postgres")) throw new ArgumentException("--nodes 2 needs --store postgres");
        return o;
    }
}
