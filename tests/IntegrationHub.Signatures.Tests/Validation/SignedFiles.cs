using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;

namespace IntegrationHub.Signatures.Tests.Validation;

/// <summary>Makes signed files with openssl cms and wraps them as SignedFile.</summary>
public static class SignedFiles
{
    public static readonly byte[] Content = "Ho so so 000.00.25.H47-261128-0001: don de nghi.\n"u8.ToArray();

    public static byte[] OpenSslSign(TestPki pki, string key, string digest = "sha256", bool detached = true, bool noAttributes = false, bool noCerts = false, bool cades = false)
    {
        var content = pki.Path("content.bin");
        System.IO.File.WriteAllBytes(content, Content);
        var output = pki.Path(Guid.NewGuid() + ".p7s");
        var args = new List<string> { "cms", "-sign", "-binary", "-in", content, "-signer", pki.Path(key + ".pem"), "-inkey", pki.Path(key + ".key"),
            "-md", digest, "-outform", "DER", "-out", output };
        if (!detached) args.Add("-nodetach");
        if (noAttributes) args.Add("-noattr");
        if (noCerts) args.Add("-nocerts");
        if (cades) args.Add("-cades"); // adds ESS signing-certificate-v2: a CAdES-B-B signature
        Tools.OpenSsl([.. args]);
        return System.IO.File.ReadAllBytes(output);
    }

    public static SignedFile File(byte[] signature, byte[]? detached = null) =>
        new("doc.p7s", new MemoryStream(signature), detached is null ? null : new MemoryStream(detached));
}
