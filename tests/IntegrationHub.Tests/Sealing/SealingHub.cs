using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Sealing;
using IntegrationHub.Signatures.Timestamps;

namespace IntegrationHub.Tests.Sealing;

/// <summary>
/// A hub that seals with a throwaway agency key and asks a loopback TSA the test stops and starts. The retry worker is
/// off: tests run the held-seal job themselves, after moving the hub's clock past the retry delay.
/// </summary>
public sealed class SealingHub : IAsyncLifetime
{
    public TestHub Hub { get; } = new();
    public SealingPki Pki { get; private set; } = null!;
    public SwitchableTsa Tsa { get; private set; } = null!;

    /// <summary>Settings of the class (e.g. its circuit), added to the common ones.</summary>
    public List<string> Settings { get; } = [];

    public Task InitializeAsync()
    {
        Pki = new SealingPki(Path.Combine(Hub.DataDir, "pki"));
        Tsa = new SwitchableTsa(new TimestampResponder(Pki.Tsa.WithKey(), Hub.Time));
        Environment.SetEnvironmentVariable("HUB_TEST_HELD_SEAL_PASSWORD", SealingPki.SealPassword);
        Hub.ExtraSettings.AddRange([
            $"--Signatures:TrustAnchors:0={Pki.RootPem}", $"--Signatures:Seal:P12Path={Pki.SealP12}",
            "--Signatures:Seal:PasswordEnv=HUB_TEST_HELD_SEAL_PASSWORD", $"--Signatures:TsaUrl={Tsa.Url}",
            "--Sealing:Worker=false", "--Sealing:MaxAttempts=3", "--Sealing:RetryDelays:0=00:01:00", "--Sealing:RetryDelays:1=00:05:00",
            "--Sealing:Circuit:BreakDuration=00:00:30", .. Settings]);
        return Hub.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        Tsa.Dispose();
        await Hub.DisposeAsync();
    }

    /// <summary>Moves the clock past the retry delay and runs one pass of the held-seal job, as the worker would.</summary>
    public Task<int> RetryAfter(TimeSpan wait)
    {
        Hub.Time.Advance(wait);
        return Hub.Service<HeldSealJob>().RunDueAsync(CancellationToken.None);
    }

    public static JsonObject Document(string text) =>
        new() { ["name"] = "ket-qua.txt", ["mediaType"] = "text/plain", ["content"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)) };

    public Task<HttpResponseMessage> Seal(string text, string key = TestHub.AgencyKey) =>
        Hub.Client(key).PostJson("/api/v1/signatures/seal", Document(text));

    /// <summary>
    /// Checks a sealed CAdES document with openssl: cms -verify with the root (content as sealed), and ts -verify of its
    /// signature timestamp over the signature value.
    /// </summary>
    public async Task VerifyBtWithOpenssl(JsonElement sealedBody, string expectedContent)
    {
        var folder = Directory.CreateTempSubdirectory("hub-held-seal-").FullName;
        var sealedFile = Path.Combine(folder, "sealed.p7s");
        var bytes = Convert.FromBase64String(sealedBody.GetProperty("content").GetString()!);
        await File.WriteAllBytesAsync(sealedFile, bytes);
        var (code, output, error) = await Tools.Run("openssl", "cms", "-verify", "-inform", "DER", "-in", sealedFile, "-CAfile", Pki.RootPem, "-purpose", "any");
        Assert.True(code == 0, error);
        Assert.Equal(expectedContent, output);

        var cms = new SignedCms();
        cms.Decode(bytes);
        Assert.True(cms.SignerInfos.Count == 1, "one SignerInfo");
        var signer = cms.SignerInfos[0];
        var timestamp = signer.UnsignedAttributes.Cast<CryptographicAttributeObject>().Single(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");
        var tokenFile = Path.Combine(folder, "token.der");
        var valueFile = Path.Combine(folder, "signature-value.bin");
        await File.WriteAllBytesAsync(tokenFile, timestamp.Values[0].RawData);
        await File.WriteAllBytesAsync(valueFile, signer.GetSignature());
        await Tools.MustRun("openssl", "ts", "-verify", "-token_in", "-in", tokenFile, "-data", valueFile, "-CAfile", Pki.RootPem);
        Directory.Delete(folder, true);
    }
}
