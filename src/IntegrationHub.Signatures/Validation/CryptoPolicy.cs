using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// Which algorithms and key sizes a signature may use. <c>vn-default</c>: RSA ≥ 2048 (PKCS#1 v1.5 or PSS),
/// ECDSA ≥ P-256, SHA-2 and SHA-3; SHA-1, MD5 and RSA under 2048 fail with CRYPTO_CONSTRAINTS_FAILURE.
/// A policy file is JSON with the same property names, e.g.
/// <code>{ "name": "strict", "minRsaBits": 3072, "minEcBits": 384, "digests": ["SHA384", "SHA512"], "allowPss": true }</code>
/// Digest names are .NET's (SHA256, SHA384, SHA512, SHA3_256, SHA3_384, SHA3_512, SHA1, MD5).
/// </summary>
public sealed record CryptoPolicy
{
    public string Name { get; init; } = "vn-default";
    public int MinRsaBits { get; init; } = 2048;
    public int MinEcBits { get; init; } = 256;
    public IReadOnlyList<string> Digests { get; init; } = ["SHA256", "SHA384", "SHA512", "SHA3_256", "SHA3_384", "SHA3_512"];
    public bool AllowPss { get; init; } = true;

    public static CryptoPolicy VnDefault { get; } = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>A policy by name (vn-default) or from a JSON file. Throws <see cref="ArgumentException"/> for anything else.</summary>
    public static CryptoPolicy Load(string nameOrFile)
    {
        if (nameOrFile == VnDefault.Name) return VnDefault;
        if (!File.Exists(nameOrFile)) throw new ArgumentException($"Unknown policy '{nameOrFile}': neither 'vn-default' nor a policy file.");
        try
        {
            var policy = JsonSerializer.Deserialize<CryptoPolicy>(File.ReadAllText(nameOrFile), Json)
                ?? throw new ArgumentException($"Policy file '{nameOrFile}' is empty.");
            if (policy.MinRsaBits < 1024 || policy.MinEcBits < 160 || policy.Digests.Count == 0)
                throw new ArgumentException($"Policy file '{nameOrFile}' is weaker than any sane policy or lists no digest.");
            return policy;
        }
        catch (JsonException e) { throw new ArgumentException($"Policy file '{nameOrFile}' is not valid JSON: {e.Message}", e); }
    }

    /// <summary>Problems of a signature's algorithms under this policy; empty when acceptable.</summary>
    public IReadOnlyList<string> Check(HashAlgorithmName digest, SignatureAlgorithm signature, PublicKeys.KeyInfo key)
    {
        var problems = new List<string>();
        if (!Digests.Contains(digest.Name ?? "")) problems.Add($"Digest algorithm {digest.Name} is not allowed by policy {Name}.");
        if (signature.Padding == "PSS" && !AllowPss) problems.Add($"RSASSA-PSS is not allowed by policy {Name}.");
        if (key.Algorithm == "RSA" && key.Bits < MinRsaBits) problems.Add($"RSA key of {key.Bits} bits is below the {MinRsaBits} bits policy {Name} requires.");
        if (key.Algorithm == "ECDSA" && key.Bits < MinEcBits) problems.Add($"EC key of {key.Bits} bits is below the {MinEcBits} bits policy {Name} requires.");
        if (key.Algorithm is not ("RSA" or "ECDSA")) problems.Add($"Key algorithm {key.Algorithm} is not allowed by policy {Name}.");
        return problems;
    }
}
