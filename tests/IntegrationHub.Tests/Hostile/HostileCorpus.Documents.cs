using System.Text;
using System.Text.Json.Nodes;
using static IntegrationHub.Tests.Hostile.HostileBodies;

namespace IntegrationHub.Tests.Hostile;

/// <summary>Documents: bad base64, path tricks in names, XML bombs and XXE, forged signed XML and PDF.</summary>
public static partial class HostileCorpus
{
    /// <summary>Not base64 whatever the decoder's leniency (whitespace between groups is allowed, as in MIME).</summary>
    public static readonly (string Name, string Text)[] BadBase64Texts =
    [
        ("not base64", "not base64!!"), ("url-safe alphabet", "QUJD-_8-"), ("url-safe, unpadded", "QUJDRA_"), ("three characters", "QUJ"),
        ("missing padding", "QUJDRA"), ("too much padding", "QUJDRA==="), ("padding in the middle", "QQ==QUJD"), ("whitespace only", "    "),
        ("line breaks only", "\r\n\r\n"), ("padding inside a group", "QU=JD"), ("padding only", "===="), ("NUL inside", "QUJD\0RA=="),
        ("letters outside the alphabet", "ÀÁÂÃ"), ("percent-encoded", "QUJD%3D%3D"), ("no-break space inside", "QUJD\u00a0RA=="),
        ("data URI", "data:text/plain;base64,QUJD"),
    ];

    private static IEnumerable<HostileCase> BadBase64(HostileContext ctx)
    {
        var fields = DocumentFields(ctx).ToList();
        var routes = Routes(ctx).ToDictionary(r => r.Name);
        fields.Add((routes["signing-session"], "signerCertificate"));
        fields.Add((routes["signing-complete"], "signatureValue"));
        foreach (var (name, text) in BadBase64Texts)
        {
            foreach (var (route, field) in fields)
                yield return Post("bad base64", $"{route.Name}.{field}: {name}", route.Path, route.ApiKey, Utf8(route.Body().Set(field, text)));
            yield return SoapCase("bad base64", $"SOAP result content: {name}",
                UpdateEnvelope(ctx.OpenDossier, StatusEventXml(2, result: ResultXml("ket-qua.txt", System.Security.SecurityElement.Escape(text)))));
        }
        // Valid base64 of something that is not a certificate.
        yield return Post("bad base64", "signing-session.signerCertificate: base64 of text", routes["signing-session"].Path, TestHub.PortalKey,
            Utf8(routes["signing-session"].Body().Set("signerCertificate", Convert.ToBase64String("not a certificate"u8.ToArray()))));
        yield return Post("bad base64", "signing-session.signerCertificate: a PEM without a certificate", routes["signing-session"].Path, TestHub.PortalKey,
            Utf8(routes["signing-session"].Body().Set("signerCertificate", "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----")));
    }

    /// <summary>Names that are paths, devices, control characters or disguises (the right-to-left override).</summary>
    public static readonly string[] HostileNames =
    [
        "../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "C:\\Windows\\system32\\cmd.exe", "C:evil.txt", "a\0.pdf", "CON", "con.txt",
        "NUL", "COM1.pdf", "LPT1", "AUX.xml", "PRN.pdf", new string('x', 300) + ".pdf", "invoice\u202Efdp.exe", "..", ".", " ", "name.pdf ",
        "name.pdf.", "a\nb.pdf", "\\\\server\\share\\x.pdf", "file\u200B.pdf", "\uFEFFbom.pdf",
    ];

    private static IEnumerable<HostileCase> PathTricksInNames(HostileContext ctx)
    {
        var routes = Routes(ctx).ToDictionary(r => r.Name);
        (JsonRoute Route, string Field)[] targets =
        [
            (routes["intake"], "documents[0].name"), (routes["event"], "result.name"), (routes["validate"], "name"),
            (routes["seal"], "name"), (routes["augment"], "name"), (routes["signing-session"], "document.name"),
        ];
        foreach (var name in HostileNames)
        {
            var label = Label(name);
            foreach (var (route, field) in targets)
                yield return Post("path tricks in names", $"{route.Name}.{field} = {label}", route.Path, route.ApiKey, Utf8(route.Body().Set(field, name)));
            if (name.IndexOf('\0') < 0)
                yield return SoapCase("path tricks in names", $"SOAP result name = {label}",
                    UpdateEnvelope(ctx.OpenDossier, StatusEventXml(2, result: ResultXml(name, Convert.ToBase64String("ket qua"u8.ToArray())))));
        }
    }

    private static IEnumerable<HostileCase> XmlBombsAndXxe(HostileContext ctx)
    {
        foreach (var bomb in HostileDocuments.XmlBombs())
        {
            var content = Convert.ToBase64String(Encoding.UTF8.GetBytes(bomb.Document()));
            yield return Post("XML bombs and XXE", $"validate: {bomb.Name}", "/api/v1/signatures/validate", TestHub.PortalKey,
                Utf8(Document("to-khai.xml", "application/xml", content)), expect: Expect.FailedReport);
            yield return Post("XML bombs and XXE", $"intake: {bomb.Name}", "/api/v1/dossiers", TestHub.PortalKey,
                Utf8(Intake(RefuseProcedure).Set("documents[0]", Document("to-khai.xml", "application/xml", content))));
            // .NET processes neither XInclude nor stylesheets: sealing such a document signs it as it is, which is right.
            if (!bomb.Name.StartsWith("XInclude", StringComparison.Ordinal) && !bomb.Name.StartsWith("stylesheet", StringComparison.Ordinal))
                yield return Post("XML bombs and XXE", $"seal: {bomb.Name}", "/api/v1/signatures/seal", TestHub.AgencyKey,
                    Utf8(Document("to-khai.xml", "application/xml", content)));
            // The same in the SOAP envelope itself: its DTD before soap:Envelope, its entity (or XInclude) in the Note.
            var note = bomb.Inner.Replace("<xi:include", $"<xi:include xmlns:xi=\"{HostileDocuments.XInclude}\"");
            if (bomb.Name.StartsWith("stylesheet", StringComparison.Ordinal)) continue; // inert in SOAP too: the event is applied, rightly
            var envelope = bomb.Prolog + bomb.Dtd.Replace("ROOT", "soap:Envelope") + UpdateEnvelope(ctx.OpenDossier, StatusEventXml(2, note: note));
            yield return SoapCase("XML bombs and XXE", $"SOAP envelope: {bomb.Name}", envelope);
        }
    }

    private static IEnumerable<HostileCase> SignedXmlForgeries(HostileContext ctx)
    {
        foreach (var (name, document) in HostileDocuments.XmlForgeries(ctx.SignedXml, ctx.OtherCertificate))
            foreach (var c in SignedDocumentCases("XSW and signed XML forgeries", name, "to-khai.xml", "application/xml", document))
                yield return c;
    }

    private static IEnumerable<HostileCase> PdfForgeries(HostileContext ctx)
    {
        foreach (var (name, document) in HostileDocuments.PdfForgeries(ctx.SignedPdf, ctx.UnsignedPdf))
            foreach (var c in SignedDocumentCases("PDF shadow edits and broken PDFs", name, "don-de-nghi.pdf", "application/pdf", document))
                yield return c;
    }

    /// <summary>A forged document sent to validate (a report that does not pass) and with a dossier that needs a valid signature (422).</summary>
    private static IEnumerable<HostileCase> SignedDocumentCases(string family, string name, string fileName, string mediaType, byte[] document)
    {
        var content = Convert.ToBase64String(document);
        yield return Post(family, $"validate: {name}", "/api/v1/signatures/validate", TestHub.PortalKey,
            Utf8(Document(fileName, mediaType, content)), expect: Expect.FailedReport);
        yield return Post(family, $"intake: {name}", "/api/v1/dossiers", TestHub.PortalKey,
            Utf8(Intake(RefuseProcedure).Set("documents[0]", Document(fileName, mediaType, content))));
    }
}
