using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Reading a PDF's document security store (ETSI EN 319 142-1 §5.4.2) on files written here: what is taken, what
/// each broken stream is reported as, /VRI lookup, the store as of an earlier revision, and the evidence handed on.
/// </summary>
public sealed class PdfDssMutationTests
{
    private const string CatalogWithDss = "<</Type /Catalog /Pages 2 0 R /DSS 7 0 R>>";

    private static readonly byte[] CertificateDer = MakeCertificate();
    private static readonly byte[] OneSequence = [0x30, 0x03, 0x02, 0x01, 0x05];

    private static byte[] MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=DSS test", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));
        return certificate.RawData;
    }

    private static PdfDss? Read(byte[] pdf, int? revision = null) => PdfDss.Read(PdfFile.Open(new MemoryStream(pdf)), revision);

    private static byte[] WithDss(string dss, params (int Number, string? Body, byte[]? Stream)[] more) =>
        MiniPdf.AppendUpdate(MiniPdf.Classic(), null, [(1, CatalogWithDss, null), (7, dss, null), .. more]);

    [Fact]
    public void Without_a_DSS_there_is_none()
    {
        Assert.Null(Read(MiniPdf.Classic()));
    }

    [Fact]
    public void A_DSS_that_is_not_a_dictionary_is_an_error()
    {
        var dss = Read(WithDss("42"));

        Assert.NotNull(dss);
        Assert.Equal("/DSS is not a dictionary.", Assert.Single(dss.Errors));
        Assert.False(dss.HasData);
        Assert.Null(dss.Vri);
    }

    [Fact]
    public void Certificates_CRLs_and_OCSP_responses_are_read_plain_or_deflated()
    {
        var dss = Read(WithDss("<</Type /DSS /Certs [8 0 R] /CRLs [9 0 R] /OCSPs [10 0 R]>>",
            (8, "<<>>", CertificateDer),
            (9, "<</Filter /FlateDecode>>", MiniPdf.Deflate(OneSequence)),
            (10, "<<>>", OneSequence)));

        Assert.NotNull(dss);
        Assert.Empty(dss.Errors);
        Assert.Equal(CertificateDer, Assert.Single(dss.Certs).Der);
        Assert.Equal(8, dss.Certs[0].Ref.Number);
        Assert.Equal(OneSequence, Assert.Single(dss.Crls).Der);
        Assert.Equal(9, dss.Crls[0].Ref.Number);
        Assert.Equal(OneSequence, Assert.Single(dss.Ocsps).Der);
        Assert.True(dss.HasData);
        Assert.Null(dss.Vri);
        Assert.True(dss.Covers("ANY"), "a DSS without /VRI covers every signature when it holds data");

        var evidence = PdfDssEvidence.Of(dss);
        Assert.Equal(CertificateDer, Assert.Single(evidence.Certificates).RawData);
        Assert.Equal(OneSequence, Assert.Single(evidence.Crls));
        Assert.Equal(OneSequence, Assert.Single(evidence.OcspResponses));
    }

    [Theory]
    [InlineData("Certs")]
    [InlineData("CRLs")]
    [InlineData("OCSPs")]
    public void Any_one_kind_alone_is_data(string key)
    {
        var dss = Read(WithDss($"<</{key} [8 0 R]>>", (8, "<<>>", key == "Certs" ? CertificateDer : OneSequence)));
        Assert.True(dss!.HasData);
        Assert.Empty(dss.Errors);
    }

    [Fact]
    public void An_empty_DSS_holds_no_data_and_covers_nothing()
    {
        var dss = Read(WithDss("<</Certs [] /CRLs []>>"));
        Assert.False(dss!.HasData);
        Assert.False(dss.Covers("ANY"));
    }

    [Fact]
    public void Streams_that_are_not_the_DER_they_claim_are_each_named()
    {
        byte[] trailing = [.. OneSequence, 0x00];
        var dss = Read(WithDss("<</Certs [8 0 R] /CRLs [9 0 R 11 0 R] /OCSPs [10 0 R]>>",
            (8, "<<>>", [1, 2, 3]), (9, "<<>>", trailing), (10, "<<>>", [0x04, 0x01, 0x00]), (11, "<<>>", [0x30, 0x05, 0x01])));

        Assert.Equal([
            "/DSS /Certs stream 8 is not a DER certificate.",
            "/DSS /CRLs stream 9 is not a DER CRL.",
            "/DSS /CRLs stream 11 is not a DER CRL.",
            "/DSS /OCSPs stream 10 is not a DER OCSP response.",
        ], dss!.Errors);
        // The streams are still listed: the errors say what is wrong with them.
        Assert.Single(dss.Certs);
        Assert.Equal(2, dss.Crls.Count);
        Assert.Empty(PdfDssEvidence.Of(dss).Certificates);
    }

    [Fact]
    public void Entries_that_are_not_streams_or_cannot_be_read_are_named()
    {
        var dss = Read(WithDss("<</Certs [5 0 R 42 (x)] /CRLs [9 0 R] /OCSPs 12 0 R>>",
            (9, "<</Filter /FlateDecode>>", [1, 2, 3, 4]), (12, "[10 0 R]", null), (10, "<<>>", OneSequence)));

        Assert.Equal(4, dss!.Errors.Count);
        Assert.Equal("/DSS /Certs entry 5 0 R is not a stream.", dss.Errors[0]);
        Assert.Equal("/DSS /Certs entry 42 is not a stream.", dss.Errors[1]);
        Assert.Equal("/DSS /Certs entry <78> is not a stream.", dss.Errors[2]);
        Assert.StartsWith("/DSS /CRLs entry 9 0 R cannot be read (corrupt FlateDecode stream: ", dss.Errors[3]);
        Assert.Single(dss.Ocsps); // the array by reference is read
    }

    [Fact]
    public void An_array_given_by_reference_is_followed()
    {
        var dss = Read(WithDss("<</OCSPs 12 0 R>>", (12, "[10 0 R]", null), (10, "<<>>", OneSequence)));

        Assert.Empty(dss!.Errors);
        Assert.Equal(OneSequence, Assert.Single(dss.Ocsps).Der);
    }

    [Fact]
    public void VRI_keys_are_found_whatever_their_case_and_entries_that_are_not_dictionaries_are_left_out()
    {
        var dss = Read(WithDss("<</Certs [8 0 R] /VRI <</ABCDEF <</Cert [8 0 R]>> /A0B1 13 0 R /FFFF 42>>>>",
            (8, "<<>>", CertificateDer), (13, "<</OCSP []>>", null)));

        Assert.NotNull(dss!.Vri);
        Assert.Equal(2, dss.Vri.Count);
        Assert.True(dss.Covers("ABCDEF"));
        Assert.True(dss.Covers("abcdef"));
        Assert.True(dss.Covers("a0b1"));
        Assert.False(dss.Covers("FFFF"));
        Assert.False(dss.Covers("0000"), "with /VRI, only the signatures it lists are covered");
        Assert.Empty(dss.Errors);
    }

    [Fact]
    public void A_VRI_that_points_nowhere_is_an_empty_VRI()
    {
        var dss = Read(WithDss("<</Certs [8 0 R] /VRI 99 0 R>>", (8, "<<>>", CertificateDer)));

        Assert.NotNull(dss!.Vri);
        Assert.Empty(dss.Vri);
        Assert.False(dss.Covers("ABCD"));
    }

    [Fact]
    public void The_VRI_key_is_the_uppercase_SHA1_of_the_contents()
    {
        byte[] contents = [0x30, 0x80, 0x01];
        Assert.Equal(Convert.ToHexString(SHA1.HashData(contents)), PdfDss.VriKey(contents));
        Assert.Equal(PdfDss.VriKey(contents).ToUpperInvariant(), PdfDss.VriKey(contents));
        Assert.Equal(40, PdfDss.VriKey(contents).Length);
    }

    [Fact]
    public void The_DSS_is_read_as_of_a_revision()
    {
        var first = WithDss("<</OCSPs [10 0 R]>>", (10, "<<>>", OneSequence));
        var second = MiniPdf.AppendUpdate(first, null, (7, "<</OCSPs [10 0 R 11 0 R]>>", null), (11, "<<>>", OneSequence));

        Assert.Null(Read(second, revision: 1));
        Assert.Single(Read(second, revision: 2)!.Ocsps);
        Assert.Equal(2, Read(second, revision: 3)!.Ocsps.Count);
        Assert.Equal(2, Read(second)!.Ocsps.Count);
    }

    [Fact]
    public void Evidence_of_no_DSS_is_empty()
    {
        var evidence = PdfDssEvidence.Of(null);
        Assert.Empty(evidence.Certificates);
        Assert.Empty(evidence.Crls);
        Assert.Empty(evidence.OcspResponses);
    }
}
