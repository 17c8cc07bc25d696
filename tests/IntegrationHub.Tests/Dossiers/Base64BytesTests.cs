using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Tests.Dossiers;

/// <summary>
/// Base64 document fields are decoded while the JSON is read (no string of the content). The fast path takes plain
/// padded base64; everything the string path accepted before (line breaks, JSON escapes) must still be accepted, and
/// what it refused must still be a field error, not a binding failure.
/// </summary>
public sealed class Base64BytesTests(TestHub hub) : IClassFixture<TestHub>
{
    private static readonly byte[] Document = RandomNumberGenerator.GetBytes(5_000);

    private static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    private static Base64Bytes? Read(string json) => JsonSerializer.Deserialize<DocumentDto>(json, Web)!.Content;

    [Fact]
    public void Plain_padded_base64_is_decoded_to_the_exact_bytes()
    {
        foreach (var size in new[] { 1, 2, 3, 4, 5000 })
        {
            var bytes = Document[..size];
            var text = Convert.ToBase64String(bytes);
            var read = Read($$"""{"content":"{{text}}"}""")!;
            Assert.Equal(bytes, read.Bytes);
            Assert.Equal(text.Length, read.EncodedLength);
        }
    }

    [Fact]
    public void Line_wrapped_and_escaped_base64_is_accepted_as_the_string_path_accepted_it()
    {
        var mime = Convert.ToBase64String(Document, Base64FormattingOptions.InsertLineBreaks);
        Assert.Equal(Document, Read(JsonSerializer.Serialize(new { content = mime }))!.Bytes);
        // PHP's json_encode writes "\/" for every '/': a JSON escape inside the token.
        var escaped = Convert.ToBase64String(Document).Replace("/", "\\/");
        Assert.Contains("\\/", escaped);
        Assert.Equal(Document, Read($$"""{"content":"{{escaped}}"}""")!.Bytes);
    }

    [Fact]
    public void Content_split_across_buffer_segments_is_decoded()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"name":"a.bin","content":"{{Convert.ToBase64String(Document)}}"}""");
        var reader = new Utf8JsonReader(Segments(json, 1000));
        var dto = JsonSerializer.Deserialize<DocumentDto>(ref reader, Web)!;
        Assert.Equal(Document, dto.Content!.Bytes);
    }

    [Theory]
    [InlineData("not base64!!")]
    [InlineData("QUJD=")]      // length not a multiple of 4
    [InlineData("QU=D")]       // padding inside
    [InlineData("QUJDRA=")]
    public void Text_that_is_not_base64_reads_as_no_bytes_not_as_a_binding_failure(string text) =>
        Assert.Null(Read($$"""{"content":"{{text}}"}""")!.Bytes);

    [Fact]
    public void Empty_text_reads_as_empty_and_a_number_is_a_json_error()
    {
        Assert.Empty(Read("""{"content":""}""")!.Bytes!);
        Assert.Null(JsonSerializer.Deserialize<DocumentDto>("""{"content":null}""", Web)!.Content);
        Assert.Throws<JsonException>(() => Read("""{"content":12}"""));
    }

    [Fact]
    public void Written_back_as_base64()
    {
        var json = JsonSerializer.Serialize(new DocumentDto("a.bin", "application/octet-stream", Base64Bytes.Of(Document), null));
        Assert.Equal(Convert.ToBase64String(Document), JsonNode.Parse(json)!["Content"]!.GetValue<string>());
        Assert.Equal(Document, JsonSerializer.Deserialize<DocumentDto>(json)!.Content!.Bytes);
    }

    [Fact]
    public void A_document_printed_shows_its_size_not_its_content()
    {
        var dto = new DocumentDto("a.bin", "application/octet-stream", Base64Bytes.Of(Document), null);
        Assert.DoesNotContain(Convert.ToBase64String(Document)[..40], dto.ToString());
        Assert.Contains("5000 bytes", dto.ToString());
    }

    [Fact]
    public async Task Intake_accepts_line_wrapped_content_and_stores_the_decoded_document()
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        body["documents"]![0]!["content"] = Convert.ToBase64String(Document, Base64FormattingOptions.InsertLineBreaks);
        var response = await hub.Client(TestHub.PortalKey).Submit(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var doc = (await response.Json()).GetProperty("documents")[0];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Document)), doc.GetProperty("sha256").GetString());
        Assert.Equal(Document.Length, doc.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Intake_names_the_field_of_bad_base64_and_stores_nothing()
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        body["documents"]![0]!["content"] = "QUJD=";
        var problem = await (await hub.Client(TestHub.PortalKey).Submit(body)).AssertProblem(400);
        Assert.Contains("not valid", problem.GetProperty("errors").GetProperty("documents[0].content")[0].GetString());
        Assert.Null(await hub.Service<IntegrationHub.Core.Ports.IDossierStore>().GetAsync(code));
    }

    [Fact]
    public async Task Intake_answers_a_content_that_is_not_a_string_with_a_problem_and_stores_nothing()
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        body["documents"]![0]!["content"] = 12;
        await (await hub.Client(TestHub.PortalKey).Submit(body)).AssertProblem(400);
        Assert.Null(await hub.Service<IntegrationHub.Core.Ports.IDossierStore>().GetAsync(code));
    }

    private static ReadOnlySequence<byte> Segments(byte[] bytes, int size)
    {
        Segment? first = null, last = null;
        for (var i = 0; i < bytes.Length; i += size)
        {
            var next = new Segment(bytes.AsMemory(i, Math.Min(size, bytes.Length - i)), i);
            if (last is null) first = next; else last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long index) { Memory = memory; RunningIndex = index; }
        public new Segment? Next { set => base.Next = value; }
    }
}
