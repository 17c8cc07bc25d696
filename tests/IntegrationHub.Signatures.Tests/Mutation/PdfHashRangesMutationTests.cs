using System.Security.Cryptography;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>The /ByteRange digest: both segments, in order, across chunk boundaries, and a file that ends inside one.</summary>
public sealed class PdfHashRangesMutationTests
{
    private static byte[] Data(int length)
    {
        var data = new byte[length];
        new Random(11).NextBytes(data);
        return data;
    }

    [Theory]
    [InlineData(0, 10, 20, 30)]
    [InlineData(0, 1_500_000, 1_600_000, 900_000)]   // both segments longer than the 1 MiB chunk
    [InlineData(0, 0, 5, 5)]                           // an empty first segment
    [InlineData(7, 3, 10, 0)]                          // an empty second segment
    public void The_digest_is_of_both_segments_joined(long a, long b, long c, long d)
    {
        var data = Data(2_600_000);
        var expected = SHA256.HashData([.. data.AsSpan((int)a, (int)b), .. data.AsSpan((int)c, (int)d)]);

        Assert.Equal(expected, PdfSignatureFormat.HashRanges(new MemoryStream(data), [a, b, c, d], HashAlgorithmName.SHA256));
    }

    [Fact]
    public void The_algorithm_asked_for_is_used()
    {
        var data = Data(100);
        Assert.Equal(SHA512.HashData(data), PdfSignatureFormat.HashRanges(new MemoryStream(data), [0, 40, 40, 60], HashAlgorithmName.SHA512));
    }

    [Fact]
    public void The_segments_are_taken_in_their_order_not_sorted()
    {
        var data = Data(100);
        var swapped = SHA256.HashData([.. data.AsSpan(50, 50), .. data.AsSpan(0, 50)]);
        Assert.Equal(swapped, PdfSignatureFormat.HashRanges(new MemoryStream(data), [50, 50, 0, 50], HashAlgorithmName.SHA256));
    }

    [Fact]
    public void A_file_that_ends_inside_the_range_is_a_format_error()
    {
        var data = Data(100);
        var e = Assert.Throws<SignatureFormatException>(
            () => PdfSignatureFormat.HashRanges(new MemoryStream(data), [0, 10, 90, 11], HashAlgorithmName.SHA256));
        Assert.Equal("The file ended inside the /ByteRange.", e.Message);
    }
}
