using System.Xml;

namespace IntegrationHub.Signatures.Xml;

/// <summary>Prefix bindings for XPath queries over signatures (ds, xades, xades141).</summary>
internal static class XmlDsigNamespaces
{
    public static XmlNamespaceManager Manager(XmlNode node)
    {
        var document = node as XmlDocument ?? node.OwnerDocument!;
        var manager = new XmlNamespaceManager(document.NameTable);
        manager.AddNamespace("ds", XmlDsigNames.DsNs);
        manager.AddNamespace("xades", XmlDsigNames.XadesNs);
        manager.AddNamespace("xades141", XmlDsigNames.Xades141Ns);
        return manager;
    }
}
