using System.Text.Json;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Validation;

/// <summary>
/// The hand-written report JSON (`hub verify --format json`, the DESIGN.md contract) must stay byte for byte what
/// System.Text.Json's own serializer writes for the report records, for every shape of report.
/// </summary>
public sealed class ReportJsonTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 29, 6, 7, 45, 123, TimeSpan.Zero);

    public static TheoryData<string> Cases => ["full", "nulls", "file failure", "empty"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hand_written_json_equals_the_serializer_output(string name)
    {
        var report = Report(name);

        var expected = JsonSerializer.Serialize(report, ReportJson.Options);
        var actual = ReportJson.Serialize(report);

        Assert.Equal(expected, actual);
        using var parsed = JsonDocument.Parse(actual);
        Assert.Equal(report.Indication, parsed.RootElement.GetProperty("indication").GetString());
    }

    [Fact]
    public void Vietnamese_text_stays_readable_and_quotes_are_escaped()
    {
        var json = ReportJson.Serialize(Report("full"));

        Assert.Contains("CN=Nguyễn Văn An", json);
        Assert.Contains("O=\\\"Sở Tư pháp\\\"", json); // a quote inside a value is escaped
        Assert.Contains("\"coveredRevision\": 2", json);
    }

    private static ValidationReport Report(string name) => name switch
    {
        "full" => new("hồ sơ.pdf", "PADES", Indication.TotalFailed,
        [
            new SignatureReport("S-1", Indication.TotalPassed, null,
                new SignerReport("CN=Nguyễn Văn An, O=\"Sở Tư pháp\"", "CN=Root <CA> & co", "0A1B", Time, Time.AddYears(1)),
                Time, Time.AddMinutes(1), "SHA256", "RSA", "B-T",
                [new TimestampReport("SIGNATURE_TIMESTAMP", Time.AddMinutes(1), Indication.TotalPassed, null, "CN=TSA")],
                [], ["revocation not checked", "tab\there"])
            {
                Chain = ["CN=Nguyễn Văn An", "CN=Root"],
                CoveredRevision = 2,
            },
            new SignatureReport("S-2", Indication.TotalFailed, SubIndication.HashFailure, null, null, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(7)),
                "SHA384", "ECDSA", "PDF-NOT-ETSI",
                [new TimestampReport("SIGNATURE_TIMESTAMP", Time, Indication.Indeterminate, SubIndication.NoCertificateChainFound, null)],
                ["The digest does not match."], []),
        ]),
        "nulls" => new("a.p7s", "CADES", Indication.Indeterminate,
            [new SignatureReport("S-1", Indication.Indeterminate, SubIndication.FormatFailure, null, null, null, null, null, null, [], [], [])]),
        "file failure" => new("x.bin", "UNKNOWN", Indication.Indeterminate, [])
        {
            SubIndication = SubIndication.FormatFailure,
            Errors = ["The file is not a signature format the hub reads (CMS/PKCS#7, XML, PDF)."],
        },
        _ => new("empty.xml", "XADES", Indication.Indeterminate, []) { SubIndication = SubIndication.SignedDataNotFound, Errors = [] },
    };
}
