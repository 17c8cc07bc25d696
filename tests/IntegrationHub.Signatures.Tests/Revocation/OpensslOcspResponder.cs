using System.Diagnostics;
using System.Net.Sockets;

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
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    private void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"openssl ocsp exited with {_process.ExitCode}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new TimeoutException("openssl ocsp did not start listening");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
