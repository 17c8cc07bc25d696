using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Trust;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Survivors of Stryker on Trust/PathBuilder and Trust/PkixPathCheck: which candidate paths are built for re-keyed and
/// cross-certified CAs, that building stops at its depth and path bounds, never loops, and never uses an anchor as an
/// intermediate; how one path is judged and what a failure says.
/// </summary>
public sealed class TrustPathMutationTests
{
    private static readonly DateTimeOffset From = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private int _serial;

    private sealed record Ca(string Name, ECDsa Key, BcCertificate Certificate);

    private BcCertificate Issue(string subject, ECDsa subjectKey, string issuer, ECDsa issuerKey, bool ca = true)
    {
        var request = new CertificateRequest(subject, subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var issuerSki = new X509SubjectKeyIdentifierExtension(new PublicKey(issuerKey), false);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerSki));
        using var made = request.Create(new X500DistinguishedName(issuer), X509SignatureGenerator.CreateForECDsa(issuerKey), From, From.AddYears(10),
            [(byte)(++_serial >> 8), (byte)_serial, 1]);
        return new BcCertificate(made.RawData);
    }

    private Ca Root(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new Ca(name, key, Issue(name, key, name, key));
    }

    private Ca Under(Ca issuer, string name, ECDsa? key = null)
    {
        key ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new Ca(name, key, Issue(name, key, issuer.Name, issuer.Key));
    }

    private BcCertificate Leaf(Ca issuer) => Issue("CN=Nguyen Van A, C=VN", ECDsa.Create(ECCurve.NamedCurves.nistP256), issuer.Name, issuer.Key, ca: false);

    [Fact]
    public void A_re_keyed_CA_with_the_matching_key_id_is_tried_first()
    {
        var root = Root("CN=Root CA, C=VN");
        var oldKey = Under(root, "CN=Sub CA, C=VN");
        var newKey = Under(root, "CN=Sub CA, C=VN");
        var leaf = Leaf(newKey);

        var forward = new PathBuilder([root.Certificate], [oldKey.Certificate, newKey.Certificate]).Build(leaf);
        var backward = new PathBuilder([root.Certificate], [newKey.Certificate, oldKey.Certificate]).Build(leaf);
        Assert.Equal(2, forward.Count);
        Assert.Equal(newKey.Certificate, forward[0][1]);
        Assert.Equal(newKey.Certificate, backward[0][1]);
        Assert.Equal(oldKey.Certificate, forward[1][1]);
        Assert.All(forward, p => Assert.Equal([leaf, p[1], root.Certificate], p));
    }

    [Fact]
    public void Issuer_names_chain_in_RDN_order_only_but_ignore_case_and_spacing()
    {
        var root = Root("CN=Root CA, O=Bo TTTT, C=VN");
        var sub = Under(root, "CN=Sub CA, O=Tinh, C=VN");
        var leaf = Leaf(sub);
        var reordered = Under(root, "C=VN, O=Tinh, CN=Sub CA");
        Assert.Empty(new PathBuilder([root.Certificate], [reordered.Certificate]).Build(leaf));

        var recased = Under(root, "CN=sub ca,O=TINH, C=vn");
        Assert.Single(new PathBuilder([root.Certificate], [recased.Certificate]).Build(leaf));
    }

    [Fact]
    public void Cross_certified_CAs_do_not_loop_and_each_path_is_built_once()
    {
        var root = Root("CN=Root CA, C=VN");
        var a = Under(root, "CN=CA A, C=VN");
        var keyB = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var b = new Ca("CN=CA B, C=VN", keyB, Issue("CN=CA B, C=VN", keyB, a.Name, a.Key));
        var aByB = new Ca(a.Name, a.Key, Issue(a.Name, a.Key, b.Name, keyB));
        var leaf = Leaf(a);

        var paths = new PathBuilder([root.Certificate], [a.Certificate, b.Certificate, aByB.Certificate]).Build(leaf);
        // leaf-A-root, and leaf-A(by B)-B-A-root; the walk never takes a certificate already on the path, so it ends.
        Assert.Equal([[leaf, a.Certificate, root.Certificate], [leaf, aByB.Certificate, b.Certificate, a.Certificate, root.Certificate]], paths);
    }

    [Fact]
    public void An_anchor_in_the_pool_is_only_ever_the_end_of_a_path()
    {
        var root = Root("CN=Root CA, C=VN");
        var other = Root("CN=Other Root, C=VN");
        var leaf = Leaf(root);
        var paths = new PathBuilder([root.Certificate, other.Certificate], [root.Certificate, other.Certificate]).Build(leaf);
        Assert.Equal([[leaf, root.Certificate]], paths);
    }

    [Fact]
    public void Paths_longer_than_twelve_certificates_before_the_anchor_are_not_built()
    {
        var root = Root("CN=Root CA, C=VN");
        var chain = new List<Ca>();
        var issuer = root;
        for (var i = 1; i <= 12; i++) chain.Add(issuer = Under(issuer, $"CN=CA {i}, C=VN"));
        var pool = chain.Select(c => c.Certificate).ToList();

        // The target and eleven CAs, then the anchor: the longest path built.
        var eleven = new PathBuilder([root.Certificate], pool).Build(Leaf(chain[10]));
        Assert.Equal(13, Assert.Single(eleven).Count);
        Assert.Empty(new PathBuilder([root.Certificate], pool).Build(Leaf(chain[11])));
    }

    [Fact]
    public void At_most_sixteen_candidate_paths_are_built()
    {
        var root = Root("CN=Root CA, C=VN");
        var sameName = Enumerable.Range(0, 20).Select(_ => Under(root, "CN=Sub CA, C=VN").Certificate).ToList();
        var leaf = Leaf(Under(root, "CN=Sub CA, C=VN"));
        Assert.Equal(16, new PathBuilder([root.Certificate], sameName).Build(leaf).Count);
        Assert.Equal(15, new PathBuilder([root.Certificate], sameName.Take(15).ToList()).Build(leaf).Count);

        // Sixteen anchors for the target itself fill the list before any intermediate is tried.
        var roots = Enumerable.Range(0, 17).Select(_ => Root("CN=Sub CA, C=VN").Certificate).ToList();
        Assert.Equal(17, new PathBuilder(roots, sameName).Build(leaf).Count);
    }

    [Fact]
    public void A_path_of_the_anchor_alone_passes_and_a_two_certificate_path_is_judged()
    {
        var root = Root("CN=Root CA, C=VN");
        var stranger = Root("CN=Stranger CA, C=VN");
        var at = From.AddYears(1).UtcDateTime;
        Assert.Equal(new PkixOutcome(true, -1, null), PkixPathCheck.Run([root.Certificate], at, []));

        var leaf = Leaf(root);
        Assert.True(PkixPathCheck.Run([leaf, root.Certificate], at, []).Passed);
        var forged = PkixPathCheck.Run([leaf, stranger.Certificate], at, []);
        Assert.False(forged.Passed);
        Assert.Equal(0, forged.FailedIndex);
    }

    [Fact]
    public void A_failure_names_the_certificate_and_the_causes_below_it()
    {
        var root = Root("CN=Root CA, C=VN");
        var sub = Under(root, "CN=Sub CA, C=VN");
        var expired = PkixPathCheck.Run([Leaf(sub), sub.Certificate, root.Certificate], From.AddYears(11).UtcDateTime, []);
        Assert.False(expired.Passed);
        Assert.False(expired.IsSignatureFailure);
        Assert.Contains("expired", expired.Message, StringComparison.OrdinalIgnoreCase);

        var forged = PkixPathCheck.Run([Leaf(sub), Root("CN=Sub CA, C=VN").Certificate, root.Certificate], From.AddYears(1).UtcDateTime, []);
        Assert.Equal(1, forged.FailedIndex); // the sub CA of the same name that the root never signed
        Assert.StartsWith("Trust anchor for certification path not found.", forged.Message);
    }

    [Fact]
    public void Miller_Rabin_is_off_only_while_a_path_is_checked()
    {
        const string property = "Org.BouncyCastle.Rsa.MaxMRTests";
        Assert.Null(Org.BouncyCastle.Utilities.Properties.GetThreadProperty(property));
        Assert.Equal("0", PkixPathCheck.WithoutMillerRabin(() => Org.BouncyCastle.Utilities.Properties.GetThreadProperty(property)));
        Assert.Null(Org.BouncyCastle.Utilities.Properties.GetThreadProperty(property));

        Org.BouncyCastle.Utilities.Properties.SetThreadProperty(property, "3");
        try
        {
            Assert.Equal("0", PkixPathCheck.WithoutMillerRabin(() => Org.BouncyCastle.Utilities.Properties.GetThreadProperty(property)));
            Assert.Equal("3", Org.BouncyCastle.Utilities.Properties.GetThreadProperty(property));
        }
        finally { Org.BouncyCastle.Utilities.Properties.RemoveThreadProperty(property); }
    }
}
