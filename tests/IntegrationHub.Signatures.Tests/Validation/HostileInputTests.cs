using System.Text;
using System.Text.Json;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Validation;

/// <summary>
/// Hostile files through the whole validation core: each gives a report with FORMAT_FAILURE and a message (never
/// an exception, never a stack trace in the report), is never PASSED, and is refused in bounded memory.
/// </summary>
public sealed class HostileInputTests
{
    private const long AllocationLimit = 64L * 1024 * 1024;

    // DER of the OID 1.2.840.113549.1.7.2 (signedData).
    private static readonly byte[] SignedDataOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

    public static TheoryData<string> Cases => [.. Files.Keys];

    private static readonly Dictionary<string, Func<byte[]>> Files = new()
    {
        ["xxe.xml"] = () => Ascii("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"),
        ["billion-laughs.xml"] = BillionLaughs,
        ["deeply-nested.xml"] = () => Ascii(string.Concat(Enumerable.Repeat("<a>", 200_000)) + string.Concat(Enumerable.Repeat("</a>", 200_000))),
        ["truncated.xml"] = () => Ascii("<hoSo><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"),
        ["huge-declared-length.p7s"] = () =>
            [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, .. SignedDataOid, 0xA0, 0x84, 0x7F, 0xFF, 0xFF, 0xF0, 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xE0, 0x02, 0x01, 0x01],
        ["nested-indefinite-lengths.p7s"] = () =>
            [0x30, 0x80, .. SignedDataOid, 0xA0, 0x80, .. Enumerable.Repeat<byte[]>([0x30, 0x80], 100_000).SelectMany(b => b)],
        ["signeddata-then-garbage.p7s"] = () => [0x30, 0x82, 0x01, 0x00, .. SignedDataOid, .. Enumerable.Repeat((byte)0xFF, 253)],
        ["garbage.pem"] = () => Ascii("-----BEGIN PKCS7-----\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\n-----END PKCS7-----\n"),
        ["truncated.pdf"] = () => MiniPdf.Classic()[..200],
        ["header-then-garbage.pdf"] = () => [.. Ascii("%PDF-1.7\n"), .. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7))],
        ["circular-xref.pdf"] = CircularXref,
        ["huge-xref-count.pdf"] = () => Replace(Replace(MiniPdf.Classic(), "xref\n0 ", "xref\n0 2147483000"), "/Size ", "/Size 2147483000 /Old "),
        ["huge-byterange.pdf"] = () => MiniPdf.AppendRevision(MiniPdf.Classic(),
            (7, "<</Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 9223372036854775000 9223372036854775001 9223372036854775000] /Contents <3080>>>", null)),
        ["huge-stream-length.pdf"] = () => MiniPdf.AppendRevision(MiniPdf.Classic(),
            (7, "<</Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <3084FFFFFFF0>>>", null)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_file_is_FORMAT_FAILURE_with_a_message_in_bounded_memory(string name)
    {
        var bytes = Files[name]();
        var validator = new SignatureValidator(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero)));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var report = validator.Validate(new SignedFile(name, new MemoryStream(bytes)), new ValidationOptions(new FakePathValidator()));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var json = JsonSerializer.Serialize(report);
        Assert.NotEqual(Indication.TotalPassed, report.Indication);
        var formatFailure = report.SubIndication == SubIndication.FormatFailure
            || report.Signatures.Any(s => s.SubIndication == SubIndication.FormatFailure);
        Assert.True(formatFailure, json);
        var messages = (report.Errors ?? []).Concat(report.Signatures.SelectMany(s => s.Errors)).ToList();
        Assert.True(messages.Count > 0 && messages.All(m => m.Length > 0), json);
        Assert.DoesNotContain("   at ", json);
        Assert.DoesNotContain("root:", json); // nothing of /etc/passwd
        Assert.True(allocated < AllocationLimit, $"{name}: {allocated / 1024 / 1024} MB allocated");
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Replace(byte[] pdf, string from, string to) =>
        Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(pdf).Replace(from, to));

    private static byte[] BillionLaughs()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        return Ascii($"<?xml version=\"1.0\"?><!DOCTYPE lolz [{entities}]><lolz>&lol9;</lolz>");
    }

    /// <summary>The trailer's /Prev points back at its own xref table: a reader that follows it blindly never ends.</summary>
    private static byte[] CircularXref()
    {
        var text = Encoding.Latin1.GetString(MiniPdf.Classic());
        var xref = text.LastIndexOf("xref\n0", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text.Replace("/Root 1 0 R", $"/Root 1 0 R /Prev {xref}"));
    }
}
