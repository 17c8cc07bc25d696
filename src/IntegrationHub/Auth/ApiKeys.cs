using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Auth;

/// <summary>Roles of machine clients (Auth:ApiKeys:N:Role).</summary>
public static class Roles
{
    public const string Portal = "portal";
    public const string Agency = "agency";
    public const string Vertical = "vertical";
    public const string Admin = "admin";
    public static readonly string[] All = [Portal, Agency, Vertical, Admin];
}

/// <summary>One configured client. <see cref="KeyHash"/> is SHA-256 hex of the key; <see cref="Key"/> in clear is for development.</summary>
public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>For role vertical: the system it speaks for (planning-investment, trade, justice).</summary>
    public string? System { get; set; }
    /// <summary>For role agency: the agency code it speaks for.</summary>
    public string? Agency { get; set; }
    public string? Key { get; set; }
    public string? KeyHash { get; set; }
}

/// <summary>A client as authenticated: its hash stays in memory, never the clear key.</summary>
public sealed record ApiClient(string Name, string Role, string? System, string? Agency, byte[] KeyHash);

/// <summary>The configured clients. Lookup hashes the presented key and compares with every hash in constant time.</summary>
public sealed class ApiKeyRegistry(IReadOnlyList<ApiClient> clients)
{
    public IReadOnlyList<ApiClient> Clients => clients;

    public ApiClient? Find(string presentedKey)
    {
        var hash = Hash(presentedKey);
        ApiClient? found = null;
        // Look at every client whatever matches, so timing does not tell which entry matched.
        foreach (var client in clients)
            if (CryptographicOperations.FixedTimeEquals(hash, client.KeyHash)) found ??= client;
        return found;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    public static ApiKeyRegistry FromOptions(IEnumerable<ApiKeyOptions> options)
    {
        var clients = new List<ApiClient>();
        foreach (var o in options)
        {
            if (!Roles.All.Contains(o.Role))
                throw new InvalidOperationException($"Auth:ApiKeys entry '{o.Name}' has unknown role '{o.Role}'.");
            if (o.Role == Roles.Vertical && string.IsNullOrWhiteSpace(o.System))
                throw new InvalidOperationException($"Auth:ApiKeys entry '{o.Name}' has role vertical but no System.");
            byte[] hash;
            if (!string.IsNullOrWhiteSpace(o.KeyHash))
            {
                try { hash = Convert.FromHexString(o.KeyHash.Trim()); }
                catch (FormatException) { throw new InvalidOperationException($"Auth:ApiKeys entry '{o.Name}' has a KeyHash that is not hex."); }
                if (hash.Length != 32) throw new InvalidOperationException($"Auth:ApiKeys entry '{o.Name}': KeyHash must be SHA-256 (64 hex digits).");
            }
            else if (!string.IsNullOrEmpty(o.Key)) hash = Hash(o.Key);
            else throw new InvalidOperationException($"Auth:ApiKeys entry '{o.Name}' has neither Key nor KeyHash.");
            clients.Add(new ApiClient(o.Name, o.Role, o.System, o.Agency, hash));
        }
        return new ApiKeyRegistry(clients);
    }
}
