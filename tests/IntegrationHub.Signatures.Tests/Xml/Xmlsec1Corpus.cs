using System.Text;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>
/// The shapes of XML-DSig that other signers send, as xmlsec1 templates: where the signature sits, what its references
/// point at (by which ID attribute), the canonicalization, the key and the hash. Each case is signed by `xmlsec1 --sign`
/// in the test run; nothing here computes a digest or a signature value.
/// </summary>
public sealed record Xmlsec1Case(
    string Name,
    string Key,
    string Template,
    string[] IdAttributes,
    string SignedText,
    string? DetachedName = null,
    string? DetachedContent = null)
{
    public override string ToString() => Name;
}

public static class Xmlsec1Corpus
{
    public const string Ns = "urn:integrationhub:test";
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string Enveloped = Ds + "enveloped-signature";
    public const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string C14N10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14N11 = "http://www.w3.org/2006/12/xml-c14n11";

    /// <summary>Text inside every signed element: the content tamper changes it.</summary>
    public const string SignedText = "Tran Tan Phu";

    private static readonly (string Key, string Hash, string Method, string Digest)[] Algorithms =
    [
        ("rsa", "SHA256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256"),
        ("rsa", "SHA384", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#sha384"),
        ("rsa", "SHA512", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "http://www.w3.org/2001/04/xmlenc#sha512"),
        ("ec", "SHA256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256"),
        ("ec", "SHA384", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#sha384"),
        ("ec", "SHA512", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "http://www.w3.org/2001/04/xmlenc#sha512"),
    ];

    private static readonly string[] C14Ns =
        [ExcC14N, ExcC14N + "WithComments", C14N10, C14N10 + "#WithComments", C14N11, C14N11 + "#WithComments"];

    /// <summary>Every case: the shapes with RSA-SHA256, every algorithm on the commonest shape, every C14N on two shapes.</summary>
    public static IEnumerable<Xmlsec1Case> All()
    {
        var (key, _, method, digest) = Algorithms[0];
        yield return Enveloped_whole_document(key, method, digest, ExcC14N, "enveloped URI=\"\"");
        foreach (var attribute in new[] { "Id", "ID", "id", "xml:id" })
        {
            yield return Child_by_id(key, method, digest, ExcC14N, attribute, $"#{attribute} to a child element");
            yield return Root_by_id(key, method, digest, ExcC14N, attribute, $"#{attribute} to the root, enveloped");
        }
        yield return Enveloping(key, method, digest, ExcC14N, "enveloping ds:Object with an Id");
        yield return Detached_external_and_object(key, method, digest, ExcC14N, "detached: an external file and an Object");
        yield return Detached_two_siblings(key, method, digest, ExcC14N, "detached: two sibling elements by Id");
        yield return Whole_document_by_xpointer(key, method, digest, C14N10 + "#WithComments", "#xpointer(/) keeps comments, C14N 1.0 with comments");
        foreach (var (k, hash, m, d) in Algorithms)
            yield return Child_by_id(k, m, d, ExcC14N, "Id", $"{(k == "rsa" ? "RSA" : "ECDSA")}-{hash}, #Id to a child element");
        foreach (var c14n in C14Ns)
        {
            var label = c14n.Replace("http://www.w3.org/", "");
            yield return Child_by_id(key, method, digest, c14n, "Id", $"{label}, #Id to a child under xml:lang and a prefix");
            yield return Enveloped_whole_document(key, method, digest, c14n, $"{label}, enveloped URI=\"\"");
        }
    }

    private static string Body(string idAttribute = "", string id = "tk") =>
        $"<nd:toKhai xmlns:nd=\"{Ns}\"{(idAttribute.Length == 0 ? "" : $" {idAttribute}=\"{id}\"")}><!-- a comment --><nd:hoTen>{SignedText}</nd:hoTen></nd:toKhai>";

    private static string Reference(string uri, string digest, string c14n, bool enveloped) =>
        $"<Reference URI=\"{uri}\"><Transforms>{(enveloped ? $"<Transform Algorithm=\"{Enveloped}\"/>" : "")}" +
        $"<Transform Algorithm=\"{c14n}\"/></Transforms><DigestMethod Algorithm=\"{digest}\"/><DigestValue/></Reference>";

    private static string Signature(string method, string c14n, string references, string extra = "") =>
        $"<Signature xmlns=\"{Ds}\"><SignedInfo><CanonicalizationMethod Algorithm=\"{c14n}\"/>" +
        $"<SignatureMethod Algorithm=\"{method}\"/>{references}</SignedInfo><SignatureValue/>" +
        $"<KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo>{extra}</Signature>";

    private static string Document(string rootAttributes, string inner) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hoSo xmlns=\"{Ns}\" xmlns:x=\"urn:other\" xml:lang=\"vi\"{rootAttributes}>\n" +
        $"  <maHoSo>000.00.25.H47-261128-0001</maHoSo>\n  {inner}\n</hoSo>\n";

    private static string[] IdArgs(string attribute, string element, string ns = Ns) =>
        attribute == "xml:id" ? [] : [$"--id-attr:{attribute}", $"{ns}:{element}"];

    private static Xmlsec1Case Enveloped_whole_document(string key, string method, string digest, string c14n, string name) =>
        new(name, key, Document("", Body() + Signature(method, c14n, Reference("", digest, c14n, enveloped: true))), [], SignedText);

    private static Xmlsec1Case Whole_document_by_xpointer(string key, string method, string digest, string c14n, string name) =>
        new(name, key, Document("", Body() + Signature(method, c14n, Reference("#xpointer(/)", digest, c14n, enveloped: true))), [], SignedText);

    private static Xmlsec1Case Child_by_id(string key, string method, string digest, string c14n, string attribute, string name) =>
        new(name, key, Document("", Body(attribute) + Signature(method, c14n, Reference("#tk", digest, c14n, enveloped: false))),
            IdArgs(attribute, "toKhai"), SignedText);

    private static Xmlsec1Case Root_by_id(string key, string method, string digest, string c14n, string attribute, string name) =>
        new(name, key, Document($" {attribute}=\"doc\"", Body() + Signature(method, c14n, Reference("#doc", digest, c14n, enveloped: true))),
            IdArgs(attribute, "hoSo"), SignedText);

    private static Xmlsec1Case Enveloping(string key, string method, string digest, string c14n, string name) =>
        new(name, key, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                       Signature(method, c14n, Reference("#obj", digest, c14n, enveloped: false), $"<Object Id=\"obj\">{Body()}</Object>"),
            IdArgs("Id", "Object", Ds), SignedText);

    private static Xmlsec1Case Detached_external_and_object(string key, string method, string digest, string c14n, string name) =>
        new(name, key, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                       Signature(method, c14n,
                           $"<Reference URI=\"to-khai.txt\"><DigestMethod Algorithm=\"{digest}\"/><DigestValue/></Reference>" +
                           Reference("#meta", digest, c14n, enveloped: false),
                           $"<Object Id=\"meta\">{Body()}</Object>"),
            IdArgs("Id", "Object", Ds), SignedText, "to-khai.txt", $"Don de nghi cap phep - {SignedText}\n");

    private static Xmlsec1Case Detached_two_siblings(string key, string method, string digest, string c14n, string name) =>
        new(name, key, Document("", Body("Id", "a") + Body("Id", "b") +
                                    Signature(method, c14n, Reference("#a", digest, c14n, false) + Reference("#b", digest, c14n, false))),
            IdArgs("Id", "toKhai"), SignedText);

    /// <summary>The three tampered twins of a signed case: (what was changed, the bytes, the detached content).</summary>
    public static IEnumerable<(string What, byte[] Document, byte[]? Detached)> Tampered(Xmlsec1Case c, byte[] signed)
    {
        var text = Encoding.UTF8.GetString(signed);
        var detached = c.DetachedContent is null ? null : Encoding.UTF8.GetBytes(c.DetachedContent);

        var content = ReplaceFirst(text, c.SignedText, "Tran Tan Phuc");
        yield return ("content", Encoding.UTF8.GetBytes(content), detached);
        if (detached is not null)
            yield return ("detached content", signed, Encoding.UTF8.GetBytes(c.DetachedContent!.Replace(c.SignedText, "Tran Tan Phuc")));

        // A text node inside SignedInfo is canonicalized with it: the signature value no longer covers it.
        var signedInfo = text.Replace("<SignedInfo>", "<SignedInfo> ");
        yield return ("SignedInfo", Encoding.UTF8.GetBytes(signedInfo), detached);

        var start = text.IndexOf("<SignatureValue>", StringComparison.Ordinal) + "<SignatureValue>".Length;
        var end = text.IndexOf("</SignatureValue>", StringComparison.Ordinal);
        var value = Convert.FromBase64String(text[start..end]);
        value[value.Length / 4] ^= 0x01;
        yield return ("signature value", Encoding.UTF8.GetBytes(text[..start] + Convert.ToBase64String(value) + text[end..]), detached);
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{what}' not found in the signed document");
        return text[..at] + with + text[(at + what.Length)..];
    }
}
