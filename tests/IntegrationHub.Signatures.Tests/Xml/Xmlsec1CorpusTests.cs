using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>
/// Issue 13: every common XML-DSig shape that xmlsec1 makes verifies TOTAL_PASSED through the whole validation core
/// (a real path to the test root), after xmlsec1 itself accepted it; each tampered twin fails with the right
/// sub-indication. Before the fix a reference to a child element by Id was TOTAL_FAILED/FORMAT_FAILURE ("the document
/// element is not signed") and C14N 1.1 was not read at all.
/// </summary>
[Collection(XmlPkiCollection.Name)]
public sealed class Xmlsec1CorpusTests(XmlTestPki pki)
{
    public static TheoryData<string> Cases() => new(Xmlsec1Corpus.All().Select(c => c.Name));

    private static Xmlsec1Case Case(string name) => Xmlsec1Corpus.All().Single(c => c.Name == name);

    private ValidationReport Validate(byte[] document, byte[]? detached)
    {
        // xmlsec1 signs at the real time and checks the certificates then; the hub validates at that same instant.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var paths = new CertificatePathValidator(new TrustStore([pki.Root]), new RevocationOptions(), time);
        return new SignatureValidator(time).Validate(
            new SignedFile("corpus.xml", new MemoryStream(document), detached is null ? null : new MemoryStream(detached)),
            new ValidationOptions(paths));
    }

    [RequiresToolTheory("xmlsec1")]
    [MemberData(nameof(Cases))]
    public void Xmlsec1_signed_shape_verifies_TOTAL_PASSED(string name)
    {
        var c = Case(name);
        var signed = Xmlsec1CorpusSigner.Sign(pki, c);

        var report = Validate(signed, Xmlsec1CorpusSigner.Detached(c));

        var s = Assert.Single(report.Signatures);
        Assert.True(report.Indication == Indication.TotalPassed, $"{name}: {s.Indication}/{s.SubIndication} {string.Join("; ", s.Errors)}");
        Assert.Equal(c.Key == "ec" ? "ECDSA" : "RSA", s.SignatureAlgorithm);
    }

    [RequiresToolTheory("xmlsec1")]
    [MemberData(nameof(Cases))]
    public void Tampered_twins_of_an_xmlsec1_shape_fail_with_the_right_sub_indication(string name)
    {
        var c = Case(name);
        var signed = Xmlsec1CorpusSigner.Sign(pki, c);

        foreach (var (what, document, detached) in Xmlsec1Corpus.Tampered(c, signed))
        {
            var s = Assert.Single(Validate(document, detached).Signatures);
            var expected = what.Contains("content") ? SubIndication.HashFailure : SubIndication.SigCryptoFailure;
            Assert.True((Indication.TotalFailed, expected) == (s.Indication, s.SubIndication),
                $"{name}, tampered {what}: {s.Indication}/{s.SubIndication} {string.Join("; ", s.Errors)}");
        }
    }

    /// <summary>`hub verify` (in-process, the same clock) gives the same verdicts: exit 0, and 1 for every tampered twin.</summary>
    [RequiresToolTheory("xmlsec1")]
    [MemberData(nameof(Cases))]
    public async Task Hub_verify_gives_the_same_verdicts_on_the_shape_and_its_twins(string name)
    {
        var c = Case(name);
        var signed = Xmlsec1CorpusSigner.Sign(pki, c);
        var folder = Directory.CreateDirectory(pki.NewFile("cli")).FullName;

        async Task<(int Code, string Out)> Verify(byte[] document, byte[]? detached)
        {
            var file = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".xml");
            await File.WriteAllBytesAsync(file, document);
            List<string> args = [file, "--trust", pki.RootPem, "--format", "json"];
            if (detached is not null)
            {
                await File.WriteAllBytesAsync(file + ".content", detached);
                args.AddRange(["--content", file + ".content"]);
            }
            var output = new StringWriter();
            var code = await IntegrationHub.Cli.VerifyCommand.RunAsync([.. args], output, new StringWriter(),
                new FakeTimeProvider(TimeProvider.System.GetUtcNow()), null);
            return (code, output.ToString());
        }

        var good = await Verify(signed, Xmlsec1CorpusSigner.Detached(c));
        Assert.True(good.Code == 0, $"{name}: exit {good.Code} {good.Out}");
        foreach (var (what, document, detached) in Xmlsec1Corpus.Tampered(c, signed))
        {
            var bad = await Verify(document, detached);
            Assert.True(bad.Code == 1, $"{name}, tampered {what}: exit {bad.Code} {bad.Out}");
        }
    }

    [RequiresToolFact("xmlsec1")]
    public void A_signature_over_a_child_element_says_that_only_that_element_is_signed()
    {
        var c = Case("#Id to a child element");
        var s = Assert.Single(Validate(Xmlsec1CorpusSigner.Sign(pki, c), null).Signatures);

        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Contains(s.Warnings, w => w.Contains("covers only /hoSo[1]/nd:toKhai[1]"));
    }

    [RequiresToolFact("xmlsec1")]
    public void Two_elements_with_the_referenced_Id_fail_as_wrapping()
    {
        var c = Case("#Id to a child element");
        var text = System.Text.Encoding.UTF8.GetString(Xmlsec1CorpusSigner.Sign(pki, c));
        var twin = text.Replace("<maHoSo>", "<nd:toKhai xmlns:nd=\"urn:integrationhub:test\" Id=\"tk\"><nd:hoTen>Forged</nd:hoTen></nd:toKhai><maHoSo>");

        var report = Validate(System.Text.Encoding.UTF8.GetBytes(twin), null);

        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Contains(report.Signatures[0].Errors, e => e.Contains("'tk' is carried by several elements"));
    }
}
