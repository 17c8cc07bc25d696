using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// Hostile documents: XML bombs and external entities, forgeries of a XAdES-signed XML document (signature wrapping and
/// its kin) and of a PAdES-signed PDF (shadow edits in incremental updates, broken cross-references, truncation).
/// Every forgery is one that a validator must not pass.
/// </summary>
public static partial class HostileDocuments
{
    public const string SignedXmlSource =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ToKhai xmlns=\"urn:integrationhub:test\"><HoTen>Tran Tan Phu</HoTen><SoTien>100000</SoTien></ToKhai>";

    /// <summary>Closed on every test machine: an entity that reaches it would show as a slow or failed fetch, never as data.</summary>
    private const string Nowhere = "http://127.0.0.1:9";

    /// <summary>A hostile XML part: the prolog, the DTD (ROOT stands for the root element's name) and what goes inside the root.</summary>
    public sealed record XmlBomb(string Name, string Prolog, string Dtd, string Inner)
    {
        public string Document() => Prolog + Dtd.Replace("ROOT", "x") + $"<x xmlns:xi=\"{XInclude}\">{Inner}</x>";
    }

    public const string XInclude = "http://www.w3.org/2001/XInclude";

    public static IEnumerable<XmlBomb> XmlBombs()
    {
        const string xml = "<?xml version=\"1.0\"?>";
        var laughs = new StringBuilder("<!DOCTYPE ROOT [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++) laughs.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        laughs.Append("]>");
        yield return new("billion laughs", xml, laughs.ToString(), "&lol9;");
        yield return new("quadratic blowup", xml, $"<!DOCTYPE ROOT [<!ENTITY a \"{new string('a', 20_000)}\">]>", string.Concat(Enumerable.Repeat("&a;", 3_000)));
        yield return new("external file entity", xml, "<!DOCTYPE ROOT [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;");
        yield return new("external http entity", xml, $"<!DOCTYPE ROOT [<!ENTITY xxe SYSTEM \"{Nowhere}/secret\">]>", "&xxe;");
        yield return new("external parameter entity", xml, $"<!DOCTYPE ROOT [<!ENTITY % remote SYSTEM \"{Nowhere}/evil.dtd\"> %remote;]>", "1");
        yield return new("nested parameter entities", xml, "<!DOCTYPE ROOT [<!ENTITY % a \"<!ENTITY b 'boom'>\"> %a;]>", "&b;");
        yield return new("external DTD", xml, "<!DOCTYPE ROOT SYSTEM \"file:///etc/passwd\">", "1");
        yield return new("internal DTD without entities", xml, "<!DOCTYPE ROOT [<!ELEMENT ROOT ANY>]>", "1");
        yield return new("XInclude of a file", xml, "", "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/>");
        yield return new("XInclude over http", xml, "", $"<xi:include href=\"{Nowhere}/x.xml\"/>");
        yield return new("DTD declaring an ID attribute", xml, "<!DOCTYPE ROOT [<!ATTLIST ROOT Id ID #IMPLIED>]>", "1");
        yield return new("10,000 nested elements", xml, "", string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)));
        yield return new("declared UTF-7", "<?xml version=\"1.0\" encoding=\"utf-7\"?>", "", "+ADw-script+AD4-");
        yield return new("stylesheet processing instruction", xml + $"<?xml-stylesheet type=\"text/xsl\" href=\"{Nowhere}/evil.xsl\"?>", "", "1");
    }

    /// <summary>Forgeries of <paramref name="signed"/>, a XAdES-enveloped signature over <see cref="SignedXmlSource"/>.</summary>
    public static IEnumerable<(string Name, byte[] Document)> XmlForgeries(byte[] signed, string otherCertificateBase64)
    {
        var text = Encoding.UTF8.GetString(signed);
        var declaration = text[..(text.IndexOf("?>", StringComparison.Ordinal) + 2)];
        var root = text[declaration.Length..].TrimStart();
        var signature = Between(text, "<ds:Signature ", "</ds:Signature>", inclusive: true);
        var signedProperties = Between(text, "<xades:SignedProperties ", "</xades:SignedProperties>", inclusive: true);
        var qualifying = Between(text, "<xades:QualifyingProperties ", "</xades:QualifyingProperties>", inclusive: true);
        var certificate = Between(text, "<ds:X509Certificate>", "</ds:X509Certificate>", inclusive: false);
        var signatureValue = Between(text, "\">", "</ds:SignatureValue>", inclusive: false, after: "<ds:SignatureValue ");
        var digest = Between(text, "<ds:DigestValue>", "</ds:DigestValue>", inclusive: false);

        IEnumerable<(string, string)> Variants()
        {
            yield return ("content tampered", text.Replace("100000", "999999"));
            yield return ("XSW: forged root wraps the signed one", declaration +
                "<ToKhai xmlns=\"urn:integrationhub:test\"><HoTen>Ke Gian</HoTen><SoTien>999999</SoTien><Wrapper>" + root + "</Wrapper></ToKhai>");
            yield return ("XSW: signed root moved into a forged root's ds:Object", declaration +
                "<ToKhai xmlns=\"urn:integrationhub:test\"><HoTen>Ke Gian</HoTen><SoTien>999999</SoTien>" +
                signature.Replace("<ds:Object>", "<ds:Object>" + root.Replace(signature, "")) + "</ToKhai>");
            yield return ("XSW: forged SignedProperties with the same Id first", text.Replace(signedProperties,
                Regex.Replace(signedProperties, "<xades:SigningTime>[^<]*</xades:SigningTime>", "<xades:SigningTime>2020-01-01T00:00:00Z</xades:SigningTime>") + signedProperties));
            yield return ("XSW: QualifyingProperties moved out of the signature", text.Replace(qualifying, "").Replace("</ToKhai>", qualifying + "</ToKhai>"));
            yield return ("reference URI changed", text.Replace("URI=\"\"", "URI=\"#xpointer(/)\""));
            yield return ("extra reference to an external URI", text.Replace("</ds:SignedInfo>",
                $"<ds:Reference URI=\"{Nowhere}/x\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\" /><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>"));
            yield return ("XSLT transform injected", text.Replace("<ds:Transforms>",
                "<ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"><xsl:template match=\"/\"><xsl:copy-of select=\"document('file:///etc/passwd')\"/></xsl:template></xsl:stylesheet></ds:Transform>"));
            yield return ("enveloped transform removed", text.Replace("<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\" />", ""));
            yield return ("signature value zeroed", text.Replace(signatureValue, Convert.ToBase64String(new byte[Convert.FromBase64String(signatureValue).Length])));
            yield return ("digest value altered", text.Replace(digest, Convert.ToBase64String(new byte[32])));
            yield return ("signer certificate replaced", text.Replace(certificate, otherCertificateBase64));
            yield return ("signer certificate removed", text.Replace("<ds:X509Certificate>" + certificate + "</ds:X509Certificate>", ""));
            yield return ("DOCTYPE entity stands in for the signed text", text.Replace(declaration, declaration + "<!DOCTYPE ToKhai [<!ENTITY t \"Tran Tan Phu\">]>")
                .Replace("<HoTen>Tran Tan Phu</HoTen>", "<HoTen>&t;</HoTen>"));
            yield return ("signature removed", text.Replace(signature, ""));
            yield return ("signature duplicated", text.Replace(signature, signature + signature));
            yield return ("signature prefix renamed", text.Replace("ds:", "dsig:").Replace("xmlns:ds=", "xmlns:dsig="));
        }
        return Variants().Select(v => (v.Item1, Encoding.UTF8.GetBytes(v.Item2)));
    }

    private static string Between(string text, string start, string end, bool inclusive, string? after = null)
    {
        var from = after is null ? 0 : text.IndexOf(after, StringComparison.Ordinal);
        var a = text.IndexOf(start, from, StringComparison.Ordinal);
        var b = text.IndexOf(end, a + start.Length, StringComparison.Ordinal);
        if (a < 0 || b < 0) throw new InvalidOperationException($"'{start}' … '{end}' not found in the signed document");
        return inclusive ? text[a..(b + end.Length)] : text[(a + start.Length)..b];
    }
}
