using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
