using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Audit;

/// <summary>
/// The audit log's hash rule: SHA-256 (hex) over a JSON array of the canonical fields
/// [sequence, at (UTC, ISO-8601), actor, action, subject, details, previous hash]. A JSON array needs no
/// separator conventions, and any edit to a field, or a removed or reordered entry, changes a hash.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(long sequence, DateTimeOffset at, string actor, string action, string? subject, string? details, string previousHash)
    {
        string?[] fields =
        [
            sequence.ToString(CultureInfo.InvariantCulture),
            at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            actor, action, subject, details, previousHash,
        ];
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(fields)));
    }

    /// <summary>Checks entries in sequence order; stops at the first one whose link or hash does not hold.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries)
    {
        var walker = new Walker();
        foreach (var e in entries)
            if (walker.Check(e) is { } broken) return broken;
        return walker.Result;
    }

    /// <summary>Verifies a chain fed one entry at a time, so a long log is checked page by page.</summary>
    public sealed class Walker
    {
        private string _previous = Genesis;
        private long _expected = 1;
        private long _count;

        public AuditVerification Result => new(true, _count, null, null);

        /// <summary>The hash of the last entry checked (the genesis value before any).</summary>
        public string LastHash => _previous;

        /// <summary>Null while the chain holds; otherwise the verdict naming this entry.</summary>
        public AuditVerification? Check(AuditEntry e)
        {
            _count++;
            if (e.Sequence != _expected)
                return new(false, _count, e.Sequence, $"entry {e.Sequence} follows entry {_expected - 1}: entries are missing or reordered");
            if (e.PreviousHash != _previous)
                return new(false, _count, e.Sequence, $"entry {e.Sequence} does not link to the hash of entry {_expected - 1}");
            if (Hash(e.Sequence, e.At, e.Actor, e.Action, e.Subject, e.Details, e.PreviousHash) != e.Hash)
                return new(false, _count, e.Sequence, $"entry {e.Sequence} was altered: its fields no longer give its hash");
            _previous = e.Hash;
            _expected++;
            return null;
        }
    }
}
