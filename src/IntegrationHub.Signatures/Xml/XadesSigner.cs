using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using static IntegrationHub.Signatures.Xml.XmlDsigNames;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// XAdES-B-B and B-T enveloped signatures (mode xades-enveloped), in two steps. Prepare writes the whole
/// signature (signing time fixed there) with an empty SignatureValue and returns the digest of the canonical
/// SignedInfo; CompleteAsync only inserts the checked value and, for B-T, a SignatureTimeStamp over the
/// canonicalized ds:SignatureValue.
/// </summary>
public sealed class XadesSigner : IDocumentSigner
{
    /// <summary>The prepared document (UTF-8, SignatureValue empty) and the signature's Id.</summary>
    private sealed record State(byte[] Document, string SignatureId);

    public string Mode => "xades-enveloped";

    public PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signerCertificate);
        XmlDocument xml;
        try { xml = SafeXml.Load(document); }
        catch (SignatureFormatException e) { throw new SignatureFormatException("The document to sign is not acceptable XML: " + e.Message, e); }

        var method = XmlAlgorithms.SignatureMethodFor(XmlSignatureValues.KeyAlgorithmOf(signerCertificate), parameters.DigestAlgorithm, parameters.UsePss);
        var template = new XadesTemplate(xml, BaseId(document, signerCertificate, parameters, new XmlIdIndex(xml)));
        template.Append(signerCertificate, method, parameters.DigestAlgorithm, parameters.SigningTime, parameters.ChainToInclude ?? []);

        // Digests are computed over the serialized form, exactly as a verifier will read it.
        xml = SafeXml.Load(Serialize(xml));
        var signature = FindSignature(xml, template.SignatureId);
        var ids = new XmlIdIndex(xml);
        var ns = XmlDsigNamespaces.Manager(xml);
        foreach (var reference in signature.SelectNodes("ds:SignedInfo/ds:Reference", ns)!.OfType<XmlElement>())
        {
            var resolved = XmlReferenceDigester.Resolve(reference, signature, ids, () => null);
            if (resolved.ComputedDigest is null)
                throw new InvalidOperationException($"Cannot digest reference {resolved.Name}: {resolved.Detail}");
            ((XmlElement)reference.SelectSingleNode("ds:DigestValue", ns)!).InnerText = Convert.ToBase64String(resolved.ComputedDigest);
        }

        var prepared = Serialize(xml);
        var signedInfo = CanonicalSignedInfo(SafeXml.Load(prepared), template.SignatureId);
        return new PreparedSignature(Mode, signedInfo, XmlAlgorithms.Hash(parameters.DigestAlgorithm, signedInfo), parameters.DigestAlgorithm,
            method.Algorithm, signerCertificate, parameters, new State(prepared, template.SignatureId));
    }

    public async Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(signatureValue);
        if (prepared.State is not State state)
            throw new ArgumentException("This prepared signature was not made by the XAdES signer.", nameof(prepared));
        if (prepared.Parameters.WithTimestamp && timestamps is null)
            throw new ArgumentException("A B-T signature needs a time-stamping client.", nameof(timestamps));

        var xml = SafeXml.Load(state.Document);
        var signedInfo = XmlAlgorithms.Hash(prepared.DigestAlgorithm, CanonicalSignedInfo(xml, state.SignatureId));
        if (!signedInfo.AsSpan().SequenceEqual(prepared.Digest))
            throw new ArgumentException("The prepared signature was altered between the two steps.", nameof(prepared));
        if (!XmlSignatureValues.Verify(prepared.SignerCertificate, prepared.SignatureAlgorithm, prepared.DigestAlgorithm, prepared.Digest, signatureValue))
            throw new CryptographicException("The signature value does not verify with the signer certificate over the prepared digest; nothing was signed.");

        var value = prepared.SignatureAlgorithm.KeyAlgorithm == "ECDSA"
            ? EcdsaSignatureEncoding.DerToRaw(signatureValue, XmlSignatureValues.EcFieldSize(prepared.SignerCertificate))
            : signatureValue;
        var signature = FindSignature(xml, state.SignatureId);
        var ns = XmlDsigNamespaces.Manager(xml);
        var valueElement = (XmlElement)signature.SelectSingleNode("ds:SignatureValue", ns)!;
        valueElement.InnerText = Convert.ToBase64String(value);

        if (prepared.Parameters.WithTimestamp)
        {
            var stamped = XmlCanonicalizer.CanonicalizeElement(valueElement, ExcC14N);
            var token = await timestamps!.GetTokenAsync(stamped, prepared.DigestAlgorithm, cancellationToken).ConfigureAwait(false);
            AddSignatureTimeStamp(xml, signature, ns, state.SignatureId, token);
        }
        return Serialize(xml);
    }

    private static void AddSignatureTimeStamp(XmlDocument xml, XmlElement signature, XmlNamespaceManager ns, string signatureId, byte[] token)
    {
        var qualifying = (XmlElement)signature.SelectSingleNode("ds:Object/xades:QualifyingProperties", ns)!;
        var unsignedSignature = xml.CreateElement("xades", "UnsignedSignatureProperties", XadesNs);
        qualifying.AppendChild(xml.CreateElement("xades", "UnsignedProperties", XadesNs))!.AppendChild(unsignedSignature);
        var stamp = (XmlElement)unsignedSignature.AppendChild(xml.CreateElement("xades", "SignatureTimeStamp", XadesNs))!;
        stamp.SetAttribute("Id", signatureId + "-ts");
        ((XmlElement)stamp.AppendChild(xml.CreateElement("ds", "CanonicalizationMethod", DsNs))!).SetAttribute("Algorithm", ExcC14N);
        stamp.AppendChild(xml.CreateElement("xades", "EncapsulatedTimeStamp", XadesNs))!.InnerText = Convert.ToBase64String(token);
    }

    private static byte[] CanonicalSignedInfo(XmlDocument xml, string signatureId)
    {
        var signedInfo = (XmlElement)FindSignature(xml, signatureId).SelectSingleNode("ds:SignedInfo", XmlDsigNamespaces.Manager(xml))!;
        return XmlCanonicalizer.CanonicalizeElement(signedInfo, ExcC14N);
    }

    private static XmlElement FindSignature(XmlDocument xml, string signatureId) =>
        new XmlIdIndex(xml).Find(signatureId) is [var only] ? only
            : throw new InvalidOperationException($"The prepared document does not hold exactly one signature {signatureId}.");

    /// <summary>A deterministic Id prefix (same inputs, same document) that no element of the document already uses.</summary>
    private static string BaseId(byte[] document, X509Certificate2 certificate, SigningParameters parameters, XmlIdIndex ids)
    {
        var seed = SHA256.HashData([.. document, .. certificate.RawData, .. Encoding.UTF8.GetBytes(parameters.SigningTime.ToString("O"))]);
        for (var i = 0; ; i++)
        {
            var id = "xades-" + Convert.ToHexStringLower(seed, i, 6);
            if (!ids.Find(id + "-sig").Any() && !ids.Find(id + "-signedprops").Any() && !ids.Find(id + "-ref-doc").Any())
                return id;
        }
    }

    /// <summary>UTF-8 without BOM; an XML declaration, if the input had one, is rewritten to say so.</summary>
    private static byte[] Serialize(XmlDocument xml)
    {
        if (xml.FirstChild is XmlDeclaration declaration)
            declaration.Encoding = "UTF-8";
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings
               { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = xml.FirstChild is not XmlDeclaration }))
            xml.Save(writer);
        return buffer.ToArray();
    }
}
