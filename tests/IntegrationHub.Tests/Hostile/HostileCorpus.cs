using System.Text;
using System.Text.Json.Nodes;
using static IntegrationHub.Tests.Hostile.HostileBodies;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// Issue 12's hostile inputs, generated per family: every case is a named request and the kind of answer it must
/// get. The JSON families are here; documents (base64, names, XML, PDF) and SOAP are in the other parts.
/// </summary>
public static partial class HostileCorpus
{
    public const string Json = "application/json";

    public static IEnumerable<HostileCase> All(HostileContext ctx) =>
        MalformedJson(ctx)
            .Concat(DeepNesting(ctx))
            .Concat(HugeNumbers(ctx))
            .Concat(WrongTypes(ctx))
            .Concat(BadCodes(ctx))
            .Concat(ForbiddenTransitions(ctx))
            .Concat(WrongContentTypes(ctx))
            .Concat(Oversize(ctx))
            .Concat(BadQueries())
            .Concat(PathTricksInRoutes())
            .Concat(BadBase64(ctx))
            .Concat(PathTricksInNames(ctx))
            .Concat(XmlBombsAndXxe(ctx))
            .Concat(SignedXmlForgeries(ctx))
            .Concat(PdfForgeries(ctx))
            .Concat(Soap(ctx));

    public static HostileCase Post(string family, string name, string path, string? key, byte[] body, string? contentType = Json,
        Expect expect = Expect.Problem) => new(family, name, HttpMethod.Post, path, key, contentType, body, expect);

    public static HostileCase Get(string family, string name, string path, string? key = null) =>
        new(family, name, HttpMethod.Get, path, key, null, null, Expect.Problem);

    private static IEnumerable<HostileCase> MalformedJson(HostileContext ctx)
    {
        foreach (var route in Routes(ctx))
        {
            var valid = Utf8(route.Body());
            var text = Encoding.UTF8.GetString(valid);
            var bom = new byte[] { 0xEF, 0xBB, 0xBF };
            (string, byte[])[] bodies =
            [
                ("empty body", []),
                ("lone brace", Utf8("{")),
                ("truncated in the middle", valid[..(valid.Length / 2)]),
                ("truncated by one byte", valid[..^1]),
                ("trailing garbage", Utf8(text + "x")),
                ("trailing brace", Utf8(text + "}")),
                ("two documents", Utf8(text + text)),
                ("array for an object", Utf8("[1,2,3]")),
                ("null", Utf8("null")),
                ("a string", Utf8("\"hostile\"")),
                ("a number", Utf8("42")),
                ("true", Utf8("true")),
                ("single quotes", Utf8(text.Replace('"', '\''))),
                ("unquoted keys", Utf8("{code: \"x\", status: 2}")),
                ("comment", Utf8("/* hostile */" + text)),
                ("trailing comma", Utf8(text[..^1] + ",}")),
                ("NaN literal", Utf8(text[..^1] + ",\"x\":NaN}")),
                ("unterminated string", Utf8(text[..^1] + ",\"x\":\"abc}")),
                ("double UTF-8 BOM", [.. bom, .. bom, .. valid]),
                ("BOM inside the object", [(byte)'{', .. bom, .. valid[1..]]),
                ("UTF-16 body declared UTF-8", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]),
                ("UTF-32 BOM", [0xFF, 0xFE, 0x00, 0x00, .. valid]),
                ("invalid UTF-8 in a value", Splice(valid, [0xC3, 0x28])),
                ("overlong UTF-8 slash", Splice(valid, [0xC0, 0xAF])),
                ("UTF-8 encoded surrogate", Splice(valid, [0xED, 0xA0, 0x80])),
                ("0xFF byte", Splice(valid, [0xFF])),
                ("raw NUL in a value", Splice(valid, [0x00])),
                ("raw control character in a value", Splice(valid, [0x01])),
                ("escaped lone surrogate in a field", Utf8(route.Body().Set(route.Fields[0], "@@").ToJsonString().Replace("\"@@\"", "\"\\uD800\""))),
                // A proxy that reads the first and a hub that reads the last would disagree: a duplicate is refused either way.
                ("duplicate key, the copy last", Utf8(text[..^1] + $",\"{route.Fields[0]}\":\"duplicate\"}}")),
                ("duplicate key, the copy first", Utf8($"{{\"{route.Fields[0]}\":\"duplicate\"," + text[1..])),
            ];
            foreach (var (name, body) in bodies) yield return Post("malformed JSON", $"{route.Name}: {name}", route.Path, route.ApiKey, body);
        }
    }

    /// <summary>Puts bytes inside the first string value of a JSON text (after the first ":\"").</summary>
    private static byte[] Splice(byte[] json, byte[] inside)
    {
        var at = Encoding.UTF8.GetString(json).IndexOf(":\"", StringComparison.Ordinal);
        var offset = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(json)[..(at + 2)]);
        return [.. json[..offset], .. inside, .. json[offset..]];
    }

    private static IEnumerable<HostileCase> DeepNesting(HostileContext ctx)
    {
        const int levels = 10_000;
        var arrays = new string('[', levels) + new string(']', levels);
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);
        foreach (var route in Routes(ctx))
        {
            yield return Post("deep nesting", $"{route.Name}: 10,000 nested arrays", route.Path, route.ApiKey, Utf8(arrays));
            yield return Post("deep nesting", $"{route.Name}: 10,000 nested objects", route.Path, route.ApiKey, Utf8(objects));
            var text = route.Body().ToJsonString();
            yield return Post("deep nesting", $"{route.Name}: 10,000 levels inside {route.Fields[0]}", route.Path, route.ApiKey,
                Utf8($"{{\"{route.Fields[0]}\":{arrays}," + text[1..]));
        }
    }

    private static readonly string[] HugeNumberTexts =
        ["1e400", "-1e400", "1180591620717411303424", "-0", "1e-400", "2.5", "9223372036854775808", "-2147483649", new string('9', 5000)];

    private static IEnumerable<HostileCase> HugeNumbers(HostileContext ctx)
    {
        var routes = Routes(ctx);
        foreach (var number in HugeNumberTexts)
        {
            var label = number.Length > 30 ? "a 5,000-digit number" : number;
            foreach (var (route, field) in new[] { (routes[1], "status"), (routes[0], "code"), (routes[2], "content"), (routes[5], "digestAlgorithm") })
            {
                var text = route.Body().Set(field, "@@").ToJsonString().Replace("\"@@\"", number);
                yield return Post("huge numbers", $"{route.Name}.{field} = {label}", route.Path, route.ApiKey, Utf8(text));
            }
            yield return Get("huge numbers", $"deliveries page = {label}", $"/api/v1/admin/deliveries?page={number}", TestHub.AdminKey);
            yield return Get("huge numbers", $"calendar year = {label}", $"/api/v1/public/calendar/{number}");
        }
    }

    private static IEnumerable<HostileCase> WrongTypes(HostileContext ctx)
    {
        foreach (var route in Routes(ctx))
            foreach (var field in route.Fields)
            {
                // The wrong types for the field's own type: a JSON number, object, array, boolean or string it is not.
                JsonNode?[] wrong = field switch
                {
                    "status" => ["five", true, new JsonArray(), new JsonObject()],
                    "applicant" or "official" or "apology" or "result" or "document" or "documents[0]" => ["text", 12345, new JsonArray(), true],
                    "documents" => ["text", 12345, new JsonObject(), true],
                    _ => [12345, true, new JsonArray(), new JsonObject()],
                };
                foreach (var value in wrong)
                {
                    var body = route.Body().Set(field, value?.DeepClone());
                    yield return Post("wrong types", $"{route.Name}.{field} = {value?.ToJsonString()}", route.Path, route.ApiKey, Utf8(body));
                }
            }
    }
}
