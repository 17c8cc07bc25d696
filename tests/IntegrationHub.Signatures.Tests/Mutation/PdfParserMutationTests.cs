using System.Text;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The PDF tokenizer (ISO 32000-1 §7.2, §7.3) token by token: literal-string escapes (Table 3), names with #xx, numbers
/// against references, dictionaries, comments, the header of an indirect object, and each syntax error with its message.
/// </summary>
public sealed class PdfParserMutationTests
{
    private static PdfParser Parser(string text, long position = 0) => new(new PdfBytes(Encoding.Latin1.GetBytes(text)), position);

    private static PdfObject Read(string text) => Parser(text).ReadObject();

    private static string Error(string text) => Assert.Throws<PdfSyntaxException>(() => Read(text)).Message;

    [Theory]
    [InlineData(0, true)]
    [InlineData(9, true)]
    [InlineData(10, true)]
    [InlineData(12, true)]
    [InlineData(13, true)]
    [InlineData(32, true)]
    [InlineData(11, false)]
    [InlineData(8, false)]
    [InlineData('a', false)]
    [InlineData(-1, false)]
    public void White_space_is_the_six_characters_of_Table_1(int c, bool white)
    {
        Assert.Equal(white, PdfParser.IsWhite(c));
    }

    [Theory]
    [InlineData("()<>[]{}/%", true)]
    [InlineData("aZ09#.+-", false)]
    public void Delimiters_are_the_ten_characters_of_Table_2(string characters, bool delimiter)
    {
        foreach (var c in characters)
            Assert.Equal(delimiter, PdfParser.IsDelimiter(c));
    }

    [Theory]
    [InlineData(@"(plain)", "plain")]
    [InlineData(@"(a\nb\rc\td\be\ff)", "a\nb\rc\td\be\ff")]
    [InlineData(@"(\(\)\\)", "()\\")]
    [InlineData(@"(nested (paren) ok)", "nested (paren) ok")]
    [InlineData(@"(\101\60\0603)", "A003")]       // octal: up to three digits, then the rest is text
    [InlineData(@"(\7\78)", "\u0007\u00078")]
    [InlineData(@"(\1234)", "S4")]
    [InlineData("(line\\\ncontinued)", "linecontinued")]
    [InlineData("(line\\\r\ncontinued)", "linecontinued")]
    [InlineData("(line\\\rcontinued)", "linecontinued")]
    [InlineData(@"(\q)", "q")]                     // an unknown escape is the character itself
    [InlineData("(raw\r\nnewline)", "raw\r\nnewline")]
    public void Literal_strings_follow_the_escapes_of_Table_3(string token, string text)
    {
        var parser = Parser(token + " /Next");
        var value = Assert.IsType<PdfString>(parser.ReadObject());

        Assert.Equal(text, value.AsText());
        Assert.False(value.IsHex);
        Assert.Equal(0, value.Start);
        Assert.Equal(token.Length, value.End);
        Assert.Equal("Next", Assert.IsType<PdfName>(parser.ReadObject()).Value);
    }

    [Theory]
    [InlineData("(never closed", "unterminated string")]
    [InlineData("(ends in an escape\\", "unterminated string")]
    [InlineData("((one level closed)", "unterminated string")]
    [InlineData("<0A1", "unterminated hex string")]
    [InlineData("<0G>", "bad hex digit at offset 2")]
    public void Unterminated_strings_are_errors(string token, string message)
    {
        Assert.Equal(message, Error(token));
    }

    [Theory]
    [InlineData("/Name", "Name")]
    [InlineData("/A#20B", "A B")]
    [InlineData("/a#2fb", "a/b")]
    [InlineData("/x#2", "x#2")]       // # without two hex digits is itself
    [InlineData("/x#zz", "x#zz")]
    [InlineData("/", "")]
    [InlineData("/Name/Other", "Name")]
    [InlineData("/Name(str)", "Name")]
    public void Names_decode_hex_escapes_and_end_at_white_space_or_a_delimiter(string token, string name)
    {
        Assert.Equal(name, Assert.IsType<PdfName>(Read(token)).Value);
    }

    [Fact]
    public void A_name_longer_than_1024_characters_is_refused()
    {
        Assert.Equal("Name", Assert.IsType<PdfName>(Read("/Name")).Value);
        Assert.Equal(1025, Assert.IsType<PdfName>(Read("/" + new string('n', 1025))).Value.Length);
        Assert.Equal("name too long", Error("/" + new string('n', 1026)));
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData("-12", "-12")]
    [InlineData("+1.5", "+1.5")]
    [InlineData("-.5", "-.5")]
    [InlineData("4.", "4.")]
    [InlineData("12 0", "12")]          // two integers, no R: a number, and the 0 stays to be read
    [InlineData("12 0 obj", "12")]
    [InlineData("12 -1 R", "12")]       // a negative generation is not a reference
    [InlineData("1.5 0 R", "1.5")]
    public void Numbers_are_numbers_unless_followed_by_a_generation_and_R(string text, string number)
    {
        var parser = Parser(text);
        Assert.Equal(number, Assert.IsType<PdfNumber>(parser.ReadObject()).Text);
        Assert.Equal(number.Length, parser.Position);
    }

    [Fact]
    public void A_reference_is_number_generation_R()
    {
        var parser = Parser("12 3 R]");
        var reference = Assert.IsType<PdfRef>(parser.ReadObject());

        Assert.Equal(12, reference.Number);
        Assert.Equal(3, reference.Generation);
        Assert.Equal(6, parser.Position);
    }

    [Theory]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData("1a")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("obj")]
    public void Words_that_are_not_numbers_or_keywords_are_errors(string word)
    {
        Assert.Equal($"unexpected token '{word}' at offset 0", Error(word));
    }

    [Fact]
    public void A_number_of_40_digits_is_not_a_number_and_long_tokens_are_truncated_in_messages()
    {
        Assert.Equal(new string('9', 39), Assert.IsType<PdfNumber>(Read(new string('9', 39))).Text);
        Assert.Equal($"unexpected token '{new string('9', 20)}...' at offset 0", Error(new string('9', 40)));
        Assert.Equal("unexpected token '1234567890123456789x' at offset 0", Error("1234567890123456789x"));
        Assert.Equal("unexpected token '12345678901234567890...' at offset 0", Error("12345678901234567890x"));
    }

    [Fact]
    public void Keywords_true_false_null()
    {
        Assert.True(Assert.IsType<PdfBool>(Read("true")).Value);
        Assert.False(Assert.IsType<PdfBool>(Read("false")).Value);
        Assert.Same(PdfNull.Instance, Read("null"));
    }

    [Fact]
    public void Arrays_and_dictionaries_nest_and_comments_are_white_space()
    {
        var value = Read("<< /Type /Sig % a comment\r/Kids [1 0 R 2 % another\n 3.5 (s) <41>] /D << /A null >> >>rest");
        var dict = Assert.IsType<PdfDict>(value);

        Assert.Equal("Sig", dict.NameOf("Type"));
        var kids = Assert.IsType<PdfArray>(dict["Kids"]).Items;
        Assert.Equal(5, kids.Count);
        Assert.IsType<PdfRef>(kids[0]);
        Assert.Equal("2", Assert.IsType<PdfNumber>(kids[1]).Text);
        Assert.Equal("3.5", Assert.IsType<PdfNumber>(kids[2]).Text);
        Assert.Equal("s", Assert.IsType<PdfString>(kids[3]).AsText());
        Assert.Same(PdfNull.Instance, Assert.IsType<PdfDict>(dict["D"])["A"]);
        Assert.Equal([0x41], Assert.IsType<PdfString>(kids[4]).Bytes);
        Assert.Equal("<</D <</A null>>/Kids [1 0 R 2 3.5 <73> <41>]/Type /Sig>>", dict.ToString());
    }

    [Fact]
    public void A_repeated_key_keeps_the_last_value()
    {
        var dict = Assert.IsType<PdfDict>(Read("<</A 1 /A 2>>"));
        Assert.Equal("2", Assert.IsType<PdfNumber>(dict["A"]).Text);
    }

    [Theory]
    [InlineData("<</A 1 2>>", "expected a name key at offset 7")]
    [InlineData("<</A 1", "expected a name key at offset 6")]
    [InlineData("[1 2", "unexpected end of file")]
    [InlineData("", "unexpected end of file")]
    [InlineData("   % only a comment", "unexpected end of file")]
    [InlineData(")", "unexpected character ')' at offset 0")]
    [InlineData("  ]", "unexpected character ']' at offset 2")]
    [InlineData("{", "unexpected character '{' at offset 0")]
    public void Broken_structures_say_where(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }

    [Fact]
    public void Nesting_is_capped_at_64_levels()
    {
        Assert.IsType<PdfArray>(Read(new string('[', 65) + new string(']', 65)));
        Assert.Equal("objects nested too deeply", Error(new string('[', 66) + new string(']', 66)));
        var dicts = string.Concat(Enumerable.Repeat("<</A ", 66)) + "1" + string.Concat(Enumerable.Repeat(">>", 66));
        Assert.Equal("objects nested too deeply", Error(dicts));
    }

    [Fact]
    public void Words_stop_at_delimiters_and_256_characters()
    {
        var parser = Parser("  startxref%c\n123");
        Assert.Equal("startxref", parser.ReadWord());
        Assert.Equal(123, parser.ReadInteger());

        var longWord = Parser(new string('k', 300));
        Assert.Equal(256, longWord.ReadWord().Length);
        Assert.Equal(256, longWord.Position);
    }

    [Fact]
    public void TryReadKeyword_consumes_only_on_a_match()
    {
        var parser = Parser("  xref 0 1");
        Assert.False(parser.TryReadKeyword("trailer"));
        Assert.Equal(0, parser.Position);
        Assert.False(parser.TryReadKeyword("xre"));
        Assert.Equal(0, parser.Position);
        Assert.True(parser.TryReadKeyword("xref"));
        Assert.Equal(6, parser.Position);
    }

    [Fact]
    public void ReadInteger_says_what_it_found()
    {
        Assert.Equal(-42, Parser("-42").ReadInteger());
        Assert.Equal("expected an integer at offset 5, found 'trail'", Assert.Throws<PdfSyntaxException>(() => Parser("trail").ReadInteger()).Message);
    }

    [Theory]
    [InlineData("7 0 obj", 7, 0)]
    [InlineData("2147483647 65535 obj", int.MaxValue, 65535)]
    public void Object_headers_are_read(string text, int number, int generation)
    {
        Assert.Equal((number, generation), Parser(text).ReadObjectHeader());
    }

    [Theory]
    [InlineData("7 0 endobj")]
    [InlineData("-1 0 obj")]
    [InlineData("2147483648 0 obj")]
    [InlineData("7 -1 obj")]
    [InlineData("7 65536 obj")]
    public void Bad_object_headers_are_refused(string text)
    {
        var e = Assert.Throws<PdfSyntaxException>(() => Parser(text).ReadObjectHeader());
        Assert.StartsWith("expected 'N G obj' at offset ", e.Message);
    }
}
