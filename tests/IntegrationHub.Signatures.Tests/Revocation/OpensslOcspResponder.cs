using System.Diagnostics;

namespace IntegrationHub.Signatures.Tests.Revocation;

/// <summary>
/// `openssl ocsp` running as a responder for the sample PKI's issuing CA (index.txt), signing with the
/// delegated responder certificate, answering within <paramref name="minutes"/> of nextUpdate.
/// The test reaches it only through 127.0.0.1.
/// </summary>
public sealed class OpensslOcspResponder : IDisposable
{
    private readonly Process _process;

    public OpensslOcspResponder(string pkiDirectory, int port, string signer = "ocsp-responder", int minutes = 10)
    {
        Port = port;
        var start = new ProcessStartInfo(RequiresToolFactAttribute.ToolPath("openssl")!)
        {
            WorkingDirectory = pkiDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "ocsp", "-index", "index.txt", "-port", port.ToString(), "-CA", "issuing-ca.crt",
                     "-rsigner", $"{signer}.crt", "-rkey", $"{signer}.key", "-nmin", minutes.ToString(), "-ignore_err" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        // Wait for its own "waiting for OCSP client connections" line: a probe connection would block the
        // single-threaded responder.
        using var ready = new ManualResetEventSlim();
        void Watch(object? _, DataReceivedEventArgs e)
        {
            if (e.Data?.Contains("waiting for OCSP client connections", StringComparison.Ordinal) == true) ready.Set();
        }
        _process.OutputDataReceived += Watch;
        _process.ErrorDataReceived += Watch;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Wait(TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"openssl ocsp did not start (exited: {_process.HasExited})");
        _process.OutputDataReceived -= Watch;
        _process.ErrorDataReceived -= Watch;
    }

    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
