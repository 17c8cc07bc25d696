using System.Security.Cryptography;

namespace IntegrationHub.Auth;

/// <summary>
/// A person who signs in to the staff pages with a name and password (Auth:Accounts:N). The password is kept
/// only as a PBKDF2 hash (`hub accounts hash` prints one), never in clear.
/// </summary>
public sealed class StaffAccountOptions
{
    public string Name { get; set; } = "";
    /// <summary>agency or admin: the only roles the pages serve.</summary>
    public string Role { get; set; } = "";
    /// <summary>For role agency: the agency code whose dossiers this leader sees.</summary>
    public string? Agency { get; set; }
    /// <summary>pbkdf2-sha256$iterations$salt-base64$hash-base64</summary>
    public string PasswordHash { get; set; } = "";
}

/// <summary>The configured staff accounts, checked in constant time whether or not the name exists.</summary>
public sealed class StaffAccounts
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 210_000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256
    private static readonly string DummyHash = Hash("not a password");
    private readonly Dictionary<string, StaffAccountOptions> _accounts;

    public StaffAccounts(IEnumerable<StaffAccountOptions> accounts)
    {
        _accounts = new(StringComparer.OrdinalIgnoreCase);
        foreach (var a in accounts)
        {
            if (string.IsNullOrWhiteSpace(a.Name))
                throw new InvalidOperationException("Auth:Accounts entry without Name.");
            if (a.Role is not (Roles.Agency or Roles.Admin))
                throw new InvalidOperationException($"Auth:Accounts entry '{a.Name}': Role must be agency or admin.");
            if (a.Role == Roles.Agency && string.IsNullOrWhiteSpace(a.Agency))
                throw new InvalidOperationException($"Auth:Accounts entry '{a.Name}' has role agency but no Agency.");
            if (!IsWellFormed(a.PasswordHash))
                throw new InvalidOperationException($"Auth:Accounts entry '{a.Name}': PasswordHash must be '{Scheme}$iterations$salt$hash' (see `hub accounts hash`).");
            _accounts[a.Name] = a;
        }
    }

    public StaffAccountOptions? Find(string name, string password)
    {
        var found = _accounts.GetValueOrDefault(name);
        // Hash even for an unknown name, so the answer's timing does not say which names exist.
        var ok = Verify(password, found?.PasswordHash ?? DummyHash);
        return ok && found is not null ? found : null;
    }

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string encoded)
    {
        var parts = encoded.Split('$');
        if (!IsWellFormed(encoded)) return false;
        var iterations = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool IsWellFormed(string encoded)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme) return false;
        if (!int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 10_000 || n > 10_000_000) return false;
        Span<byte> scratch = stackalloc byte[128];
        return Convert.TryFromBase64String(parts[2], scratch, out var s) && s >= 8
            && Convert.TryFromBase64String(parts[3], scratch, out var h) && h >= 16;
    }
}
