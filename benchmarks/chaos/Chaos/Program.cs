using Chaos;

// chaos crash|outage --hub DLL --work DIR --trust PEM --pdf FILE [--store sqlite|postgres --postgres CS] [--nodes 1|2]
//   crash:  [--dossiers 10000] [--kills 20] [--min-gap 1] [--max-gap 8] [--concurrency 8] [--lease-seconds 30]
//   outage: [--minutes 10] [--rate 20] [--down trade]
// The scripts in benchmarks/chaos/ build the hub and this driver, make the signed PDF and the database, and call it.
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine("chaos: " + e.Message);
    return 64;
}
Directory.CreateDirectory(options.Work);
return options.Verb switch
{
    "crash" => await CrashRun.RunAsync(options),
    "outage" => await OutageRun.RunAsync(options),
    _ => 64,
};
