namespace IntegrationHub.Signatures.Xml;

/// <summary>Namespaces and algorithm URIs of XML-DSig (W3C, RFC 6931, RFC 9231) and XAdES (ETSI EN 319 132-1).</summary>
internal static class XmlDsigNames
{
    public const string DsNs = "http://www.w3.org/2000/09/xmldsig#";
    public const string XmlnsNs = "http://www.w3.org/2000/xmlns/";
    public const string XadesNs = "http://uri.etsi.org/01903/v1.3.2#";
    public const string Xades141Ns = "http://uri.etsi.org/01903/v1.4.1#";
    public const string SignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";

    public const string EnvelopedTransform = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    public const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    public const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string ExcC14NWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
    public const string C14N11 = "http://www.w3.org/2006/12/xml-c14n11";
    public const string C14N11WithComments = "http://www.w3.org/2006/12/xml-c14n11#WithComments";

    /// <summary>The wsu:Id namespace of WS-Security, whose Id attribute some signers use.</summary>
    public const string WsuNs = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string XmlNs = "http://www.w3.org/XML/1998/namespace";
}
