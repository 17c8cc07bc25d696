using BenchmarkDotNet.Running;
using IntegrationHub.Benchmarks.Signatures;

// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- quick      (interleaved Stopwatch ratio)
if (args is ["quick"]) { QuickTiming.Run(); return; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
