using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IntegrationHub.Cli;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Tests.Augmentation;
using IntegrationHub.Signatures.Validation;
using static IntegrationHub.Signatures.Tests.Xml.XadesLongTermFixture;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>
/// XAdES B-T to B-LT, B-LTA and a renewal against a real `openssl ocsp` responder, a CRL distribution point and a TSA on
/// 127.0.0.1; the results checked by the hub's validator (offline, now and after every certificate but the root expired),
/// by xmlsec1 and by `openssl ts -verify`, and tampered with.
/// </summary>
public sealed class XadesLongTermTests(XadesLongTermFixture files, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<XadesLongTermFixture>
{
    private LongTermPki Pki => files.Pki;

    private static string Describe(ValidationReport report) =>
        string.Join("\n", report.Signatures.SelectMany(s => s.Errors.Concat(s.Warnings).Prepend($"{s.Indication}/{s.SubIndication} {s.Level}")));

    /// <summary>True when <paramref name="after"/> is <paramref name="before"/> with one run of bytes inserted somewhere.</summary>
    private static bool IsOneInsertion(byte[] before, byte[] after)
    {
        var prefix = 0;
        while (prefix < before.Length && before[prefix] == after[prefix]) prefix++;
        var suffix = 0;
        while (suffix < before.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)]) suffix++;
        return after.Length > before.Length && prefix + suffix == before.Length;
    }

    [RequiresToolFact("openssl")]
    public void Each_step_raises_the_level_and_only_inserts_into_the_unsigned_properties()
    {
        output.WriteLine(Describe(files.RenewedReport));
        var bt = Evidence(files.Bt);
        Assert.Equal(["SIGNATURE_TIMESTAMP"], bt.Timestamps.Select(t => t.Type));
        Assert.False(bt.CarriesValidationData);
        Assert.Equal("B-LT", files.LtReport.Signatures[0].Level);
        Assert.Equal("B-LTA", files.LtaReport.Signatures[0].Level);
        Assert.Equal("B-LTA", files.RenewedReport.Signatures[0].Level);
        Assert.All([files.LtReport, files.LtaReport, files.RenewedReport], r => Assert.Equal(Indication.TotalPassed, r.Indication));

        // The bytes of the signed file (CRLF line ends, single quotes) are kept; each step is one insertion.
        Assert.True(IsOneInsertion(files.Bt, files.Lt), "B-LT is the B-T with one insertion");
        Assert.True(IsOneInsertion(files.Lt, files.Lta), "B-LTA is the B-LT with one insertion");
        Assert.True(IsOneInsertion(files.Lta, files.Renewed), "the renewal is the B-LTA with one insertion");
        var text = Encoding.UTF8.GetString(files.Renewed);
        Assert.Contains("loai='cấp phép'", text);
        Assert.Equal(text.Count(c => c == '\n'), Regex.Count(text, "\r\n"));
    }

    [RequiresToolFact("openssl")]
    public void B_LT_carries_certificate_and_revocation_values_for_the_signer_and_the_TSA()
    {
        var evidence = Evidence(files.Lt);
        var text = Encoding.UTF8.GetString(files.Lt);

        Assert.True(evidence.CarriesValidationData);
        Assert.Equal(2, evidence.OcspResponses.Count); // the signer's and the TSA's, from openssl
        Assert.Single(evidence.Crls); // the root's CRL for the issuing CA
        Assert.Contains(evidence.Certificates, c => c.Thumbprint == Pki.Root.Certificate.Thumbprint);
        Assert.Contains(evidence.Certificates, c => c.Thumbprint == Pki.Tsa.Certificate.Thumbprint);
        Assert.Matches("<xades:SignatureTimeStamp.*</xades:SignatureTimeStamp><xades:CertificateValues>.*</xades:CertificateValues>" +
                       "<xades:RevocationValues><xades:CRLValues>.*</xades:CRLValues><xades:OCSPValues>.*</xades:OCSPValues></xades:RevocationValues>" +
                       "</xades:UnsignedSignatureProperties>", text);
        // The issuing CA was already in KeyInfo: it is not repeated in CertificateValues.
        Assert.Single(Regex.Matches(text, Regex.Escape(Convert.ToBase64String(Pki.IssuingCa.Certificate.RawData))));
    }

    [RequiresToolFact("openssl")]
    public async Task LT_asked_of_a_B_LT_adds_nothing()
    {
        await using var servers = Pki.Serve();

        var again = await files.Augmenter.AugmentAsync(files.Lt, null, AugmentationTarget.Lt, AugmentationSupport.Online(Pki, servers));

        Assert.Equal(files.Lt, again.Document);
        Assert.Equal("B-LT", again.Report.Signatures[0].Level);
    }

    [RequiresToolFact("openssl")]
    public void Renewal_adds_a_second_archive_timestamp_after_the_first_that_covers_it()
    {
        var lta = Evidence(files.Lta).Timestamps;
        var renewed = Evidence(files.Renewed).Timestamps;

        Assert.Equal(["SIGNATURE_TIMESTAMP", "ARCHIVE_TIMESTAMP"], lta.Select(t => t.Type));
        Assert.Equal(["SIGNATURE_TIMESTAMP", "ARCHIVE_TIMESTAMP", "ARCHIVE_TIMESTAMP"], renewed.Select(t => t.Type));
        Assert.Equal(lta[1].Token, renewed[1].Token);
        Assert.Equal(lta[1].TimestampedData, renewed[1].TimestampedData); // the first one's input is untouched by the renewal
        var secondInput = Encoding.UTF8.GetString(renewed[2].TimestampedData);
        Assert.Contains(Convert.ToBase64String(renewed[1].Token), secondInput);
        Assert.StartsWith(Encoding.UTF8.GetString(renewed[1].TimestampedData[..200]), secondInput);
        Assert.Contains("xmlns:xades141=\"http://uri.etsi.org/01903/v1.4.1#\"", Encoding.UTF8.GetString(files.Renewed));
    }

    /// <summary>
    /// The archive timestamp's input rebuilt here, independently of the hub's canonicalizer and reader, in the order of
    /// EN 319 132-1 5.5.2.2 with .NET's exclusive C14N: the enveloped document, the SignedProperties, SignedInfo,
    /// SignatureValue, KeyInfo, then the unsigned signature properties before the timestamp. The TSA's token imprints it.
    /// </summary>
    [RequiresToolFact("openssl")]
    public void Archive_timestamp_imprint_is_the_EN_319_132_1_input_computed_with_dotnet_c14n()
    {
        var document = new System.Xml.XmlDocument { PreserveWhitespace = true };
        // XmlReader (not the legacy XmlTextReader of Load(Stream)) normalizes the CRLF line ends, as every XML parser must.
        using (var reader = System.Xml.XmlReader.Create(new MemoryStream(files.Renewed))) document.Load(reader);
        var ns = new System.Xml.XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        ns.AddNamespace("xades", "http://uri.etsi.org/01903/v1.3.2#");
        ns.AddNamespace("xades141", "http://uri.etsi.org/01903/v1.4.1#");
        var signature = (System.Xml.XmlElement)document.SelectSingleNode("//ds:Signature", ns)!;
        var properties = signature.SelectNodes("ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/xades:UnsignedSignatureProperties/*", ns)!
            .OfType<System.Xml.XmlElement>().ToList();
        var stamps = properties.Where(p => p.LocalName == "ArchiveTimeStamp").ToList();
        Assert.Equal(2, stamps.Count);

        var withoutSignature = (System.Xml.XmlDocument)document.Clone();
        var copy = withoutSignature.SelectSingleNode("//ds:Signature", ns)!;
        copy.ParentNode!.RemoveChild(copy);
        byte[] enveloped = ExcC14n(withoutSignature);
        foreach (var stamp in stamps)
        {
            using var input = new MemoryStream();
            input.Write(enveloped);
            foreach (var path in new[] { "ds:Object/xades:QualifyingProperties/xades:SignedProperties", "ds:SignedInfo", "ds:SignatureValue", "ds:KeyInfo" })
                input.Write(ExcC14n(signature.SelectSingleNode(path, ns)!));
            foreach (var property in properties.TakeWhile(p => p != stamp))
                input.Write(ExcC14n(property));
            var token = Convert.FromBase64String(stamp.SelectSingleNode("xades:EncapsulatedTimeStamp", ns)!.InnerText);

            var imprint = IntegrationHub.Signatures.Timestamps.TstInfo.Parse(
                IntegrationHub.Signatures.Cms.SignedDataParts.Parse(token).EContent!.Value).Imprint;
            Assert.Equal(SHA256.HashData(input.ToArray()), imprint);
        }
    }

    private static byte[] ExcC14n(System.Xml.XmlNode node)
    {
        var transform = new System.Security.Cryptography.Xml.XmlDsigExcC14NTransform();
        if (node is System.Xml.XmlDocument document) transform.LoadInput(document);
        else transform.LoadInput(node.SelectNodes("descendant-or-self::node() | descendant-or-self::*/@* | descendant-or-self::*/namespace::*")!);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }

    [RequiresToolsFact("openssl", "xmlsec1")]
    public void Xmlsec1_still_verifies_the_signature_after_each_augmentation()
    {
        foreach (var (name, document) in new[] { ("lt", files.Lt), ("lta", files.Lta), ("renewed", files.Renewed) })
        {
            File.WriteAllBytes(Pki.Path($"{name}.xml"), document);
            var result = ExternalTool.Run("xmlsec1", "--verify", "--trusted-pem", Pki.Path("root-ca.pem"),
                "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", Pki.Path($"{name}.xml"));
            Assert.True(result.ExitCode == 0, $"{name}: {result}");
        }
        // The check bites: signed content changed, xmlsec1 refuses.
        File.WriteAllBytes(Pki.Path("changed.xml"), Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files.Renewed).Replace("H12-261207", "H12-261208")));
        Assert.NotEqual(0, ExternalTool.Run("xmlsec1", "--verify", "--trusted-pem", Pki.Path("root-ca.pem"),
            "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", Pki.Path("changed.xml")).ExitCode);
    }

    [RequiresToolFact("openssl")]
    public void Openssl_ts_verify_accepts_each_archive_timestamp_against_its_recomputed_imprint()
    {
        var archive = Evidence(files.Renewed).Timestamps.Where(t => t.Type == "ARCHIVE_TIMESTAMP").ToList();
        Assert.Equal(2, archive.Count);
        for (var i = 0; i < archive.Count; i++)
        {
            File.WriteAllBytes(Pki.Path($"xades-ats{i}.der"), archive[i].Token);
            string Verify(byte[] data) => ExternalTool.Run("openssl", "ts", "-verify", "-token_in", "-in", Pki.Path($"xades-ats{i}.der"),
                "-digest", Convert.ToHexString(SHA256.HashData(data)), "-CAfile", Pki.Path("root-ca.pem"), "-untrusted", Pki.Path("issuing-ca.crt")).ToString();

            var verified = Verify(archive[i].TimestampedData);
            Assert.True(verified.StartsWith("exit 0"), verified);
            Assert.Contains("Verification: OK", verified);
            Assert.False(Verify([.. archive[i].TimestampedData, 0]).StartsWith("exit 0"), "the same token over other bytes must not verify");
        }
    }

    [RequiresToolFact("openssl")]
    public void Renewed_LTA_validates_TOTAL_PASSED_offline_after_every_certificate_expired()
    {
        var late = Validate(files.Renewed, AugmentationSupport.Offline(Pki, Pki.Late));
        output.WriteLine(Describe(late));

        var signature = late.Signatures[0];
        Assert.Equal(Indication.TotalPassed, late.Indication);
        Assert.Equal("B-LTA", signature.Level);
        Assert.True(signature.BestSignatureTime < Pki.Signer.Certificate.NotAfter);
        Assert.Equal(3, signature.Timestamps.Count);
        Assert.All(signature.Timestamps, t => Assert.Equal(Indication.TotalPassed, t.Indication));
    }

    [RequiresToolFact("openssl")]
    public void B_LT_without_archive_timestamp_at_the_late_time_is_not_passed()
    {
        var late = Validate(files.Lt, AugmentationSupport.Offline(Pki, Pki.Late));

        Assert.Equal(Indication.Indeterminate, late.Indication);
        // Expired, and nothing younger proves it: the embedded CRLs (a week long here) were still current at its expiry
        // and show it was not revoked then; they do not make it valid after.
        Assert.Equal(SubIndication.OutOfBoundsNotRevoked, late.Signatures[0].SubIndication);
    }

    public static TheoryData<string> Tamperings => ["ocsp", "certificate", "archive-token", "content"];

    [RequiresToolTheory("openssl")]
    [MemberData(nameof(Tamperings))]
    public void Tampered_B_LTA_is_not_passed_late_and_says_why(string what)
    {
        var text = Encoding.UTF8.GetString(files.Lta);
        var tampered = what switch
        {
            "ocsp" => ReplaceFirstValue(text, "xades:EncapsulatedOCSPValue", FlipByte),
            "certificate" => Regex.Replace(text, "(<xades:CertificateValues>)<xades:EncapsulatedX509Certificate>[^<]*</xades:EncapsulatedX509Certificate>", "$1"),
            "archive-token" => ReplaceFirstValue(text, "xades:EncapsulatedTimeStamp", FlipByte, last: true),
            _ => text.Replace("H12-261207-0001", "H12-261207-0002"),
        };
        Assert.NotEqual(text, tampered);

        var late = Validate(Encoding.UTF8.GetBytes(tampered), AugmentationSupport.Offline(Pki, Pki.Late));
        output.WriteLine(Describe(late));

        var signature = late.Signatures[0];
        Assert.NotEqual(Indication.TotalPassed, late.Indication);
        var reasons = string.Join("\n", signature.Errors.Concat(signature.Warnings));
        if (what == "content")
        {
            Assert.Equal(SubIndication.HashFailure, signature.SubIndication);
            Assert.Contains("signed data was changed", reasons);
        }
        else
        {
            // The archive timestamp no longer holds: its input changed (embedded data edited or removed), or its token is broken.
            Assert.NotEqual("B-LTA", signature.Level);
            Assert.Contains(signature.Timestamps, t => t.Type == "ARCHIVE_TIMESTAMP" && t.Indication != Indication.TotalPassed);
            Assert.Contains(what == "archive-token" ? "Timestamp: The signature value does not verify" : "Timestamp: The token's message imprint does not match", reasons);
        }
    }

    [RequiresToolFact("openssl")]
    public void Data_added_after_an_archive_timestamp_goes_into_TimeStampValidationData_after_it_and_the_timestamp_still_holds()
    {
        // What the engine adds when the archive TSA is a new one: its path data, after the archive timestamp.
        var data = new ValidationData([Pki.OcspResponder.Certificate, Pki.Root.Certificate], [Pki.IssuingCrl], []);

        var more = new IntegrationHub.Signatures.Xml.XadesAugmenter().AddValidationData(files.Lta, null, data);

        var text = Encoding.UTF8.GetString(more);
        Assert.True(IsOneInsertion(files.Lta, more));
        Assert.Matches("</xades141:ArchiveTimeStamp><xades141:TimeStampValidationData xmlns:xades141=\"http://uri.etsi.org/01903/v1.4.1#\"><xades:CertificateValues><xades:EncapsulatedX509Certificate>[^<]+" +
                       "</xades:EncapsulatedX509Certificate></xades:CertificateValues><xades:RevocationValues><xades:CRLValues>.*</xades:CRLValues>" +
                       "</xades:RevocationValues></xades141:TimeStampValidationData></xades:UnsignedSignatureProperties>", text);
        var evidence = Evidence(more);
        Assert.Contains(evidence.Certificates, c => c.Thumbprint == Pki.OcspResponder.Certificate.Thumbprint);
        Assert.Equal(2, evidence.Crls.Count);
        var report = Validate(more, AugmentationSupport.Offline(Pki, Pki.Late));
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("B-LTA", report.Signatures[0].Level);
    }

    [RequiresToolFact("openssl")]
    public async Task B_B_gets_its_signature_timestamp_before_the_validation_data()
    {
        await using var servers = Pki.Serve();
        var bb = await files.SignAsync(tsa: null);
        Assert.Equal("B-B", Validate(bb, AugmentationSupport.Offline(Pki)).Signatures[0].Level);

        var result = await files.Augmenter.AugmentAsync(bb, null, AugmentationTarget.Lt, AugmentationSupport.Online(Pki, servers));

        Assert.Equal("B-LT", result.Report.Signatures[0].Level);
        Assert.Equal(["SIGNATURE_TIMESTAMP"], Evidence(result.Document).Timestamps.Select(t => t.Type));
        Assert.True(IsOneInsertion(bb, result.Document), "UnsignedProperties created in one place, the rest kept");
    }

    [RequiresToolFact("openssl")]
    public async Task Hub_augment_on_an_xml_file_writes_B_LTA_that_validates_late_and_offline()
    {
        var input = Pki.Path("cli-bt.xml");
        var outFile = Pki.Path("cli-lta.xml");
        File.WriteAllBytes(input, files.Bt);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        await using (var servers = Pki.Serve())
        {
            var code = await AugmentCommand.RunAsync([input, "--to", "lta", "--out", outFile, "--trust", Pki.Path("root-ca.pem"),
                "--ocsp", "--tsa", servers.Tsa.Url.ToString()], stdout, stderr, TimeProvider.System);
            output.WriteLine(stdout + "\n" + stderr);
            Assert.Equal(0, code);
        }

        Assert.Contains("B-LTA", stdout.ToString());
        var late = Validate(File.ReadAllBytes(outFile), AugmentationSupport.Offline(Pki, Pki.Late));
        Assert.Equal(Indication.TotalPassed, late.Indication);
        Assert.Equal("B-LTA", late.Signatures[0].Level);

        // A fresh `hub verify` process, servers stopped, at the late time: only what the file carries.
        var (verifyCode, json) = Cli.HubCli.RunProcess("verify", outFile, "--trust", Pki.Path("root-ca.pem"), "--at", Pki.Late.ToString("O"), "--format", "json");
        output.WriteLine(json);
        Assert.Equal(0, verifyCode);
        using var report = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("TOTAL_PASSED", report.RootElement.GetProperty("indication").GetString());
        Assert.Equal("B-LTA", report.RootElement.GetProperty("signatures")[0].GetProperty("level").GetString());
        // The same file without its archive timestamp's evidence would not pass: the B-T alone, late, in a fresh process.
        var (btCode, _) = Cli.HubCli.RunProcess("verify", input, "--trust", Pki.Path("root-ca.pem"), "--at", Pki.Late.ToString("O"), "--format", "json");
        Assert.NotEqual(0, btCode);
    }

    private static string FlipByte(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[bytes.Length - 20] ^= 0x01; // inside the signature value at the end of the structure
        return Convert.ToBase64String(bytes);
    }

    private static string ReplaceFirstValue(string text, string element, Func<string, string> change, bool last = false)
    {
        var matches = Regex.Matches(text, $"<{element}>([^<]*)</{element}>");
        var match = last ? matches[^1] : matches[0];
        var group = match.Groups[1];
        return text[..group.Index] + change(group.Value) + text[(group.Index + group.Length)..];
    }
}

/// <summary>A fact skipped, saying so, unless every one of the tools is on PATH.</summary>
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] tools)
    {
        if (tools.FirstOrDefault(t => !ExternalTool.IsOnPath(t)) is { } missing)
            Skip = $"{missing} is not installed (not on PATH); this cross-check needs it.";
    }
}
