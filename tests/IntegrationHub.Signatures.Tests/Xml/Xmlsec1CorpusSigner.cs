using System.Text;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>Signs a corpus case with `xmlsec1 --sign` in a folder of its own, and checks that xmlsec1 verifies what it made.</summary>
public static class Xmlsec1CorpusSigner
{
    public static byte[] Sign(XmlTestPki pki, Xmlsec1Case c)
    {
        var folder = Directory.CreateDirectory(pki.NewFile("corpus")).FullName;
        var template = Path.Combine(folder, "template.xml");
        var output = Path.Combine(folder, "signed.xml");
        File.WriteAllText(template, c.Template);
        if (c.DetachedName is not null)
            File.WriteAllText(Path.Combine(folder, c.DetachedName), c.DetachedContent);

        var sign = ExternalTool.RunIn(folder, "xmlsec1",
            ["--sign", .. c.IdArguments(), "--privkey-pem", $"{pki.KeyPem(c.Key)},{pki.CertPem(c.Key)}", "--output", output, template]);
        Assert.True(sign.ExitCode == 0, $"xmlsec1 --sign ({c.Name}): {sign}");
        var verify = ExternalTool.RunIn(folder, "xmlsec1", ["--verify", .. c.IdArguments(), "--trusted-pem", pki.RootPem, output]);
        Assert.True(verify.ExitCode == 0, $"xmlsec1 --verify ({c.Name}): {verify}");
        return File.ReadAllBytes(output);
    }

    public static byte[]? Detached(Xmlsec1Case c) => c.DetachedContent is null ? null : Encoding.UTF8.GetBytes(c.DetachedContent);

    private static string[] IdArguments(this Xmlsec1Case c) => c.IdAttributes;
}
