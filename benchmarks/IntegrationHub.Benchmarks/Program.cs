using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- stats-seed --provider sqlite --data DIR (see benchmarks/stats/)
if (args.Length > 0 && args[0] == "stats-seed") return await IntegrationHub.Storage.Benchmarks.StatsSeeder.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
