using BenchmarkDotNet.Running;
using IntegrationHub.Benchmarks.Signatures;

// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- quick      (interleaved Stopwatch ratio)
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- make-pdf FILE MIB   (see Pdf/run-pdf-vs-pdfsig.sh)
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- stats-seed --provider sqlite --data DIR (see benchmarks/stats/)
if (args.Length > 0 && args[0] == "stats-seed") return await IntegrationHub.Storage.Benchmarks.StatsSeeder.RunAsync(args[1..]);
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- stats-contention --connection-string CS   (see benchmarks/stats/)
if (args.Length > 0 && args[0] == "stats-contention") return await IntegrationHub.Storage.Benchmarks.StatsContention.RunAsync(args[1..]);
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- delivery-load --dossiers 2000   (see benchmarks/delivery-load/)
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- dead-letters --rows 100000
if (args.Length > 0 && args[0] == "delivery-load") return await IntegrationHub.Benchmarks.Delivery.DeliveryLoad.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "dead-letters") return await IntegrationHub.Benchmarks.Delivery.DeadLetterQuery.RunAsync(args[1..]);
// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- augment-load [--format cades|pades|xades] --documents 3000 --parallel 8 --to lt|lta --input bb|bt
if (args.Length > 0 && args[0] == "augment-load") return await IntegrationHub.Benchmarks.Signatures.AugmentLoad.RunAsync(args[1..]);
if (args is ["quick"]) { QuickTiming.Run(); return 0; }
// make-pdf FILE MIB: a signed PDF of that size and FILE's .root.pem, for run-pdf-vs-pdfsig.sh
if (args is ["make-pdf", var pdfPath, var mib]) { IntegrationHub.Benchmarks.Pdf.LargeSignedPdf.Create(pdfPath, long.Parse(mib) * 1024 * 1024); return 0; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
