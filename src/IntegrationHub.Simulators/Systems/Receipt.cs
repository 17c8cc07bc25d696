using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Simulators.Systems;

/// <summary>A receipt number derived from the idempotency key, so a repeat gets the same receipt.</summary>
public static class Receipt
{
    public static string For(string prefix, string idempotencyKey) =>
        $"{prefix}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..12]}";
}
