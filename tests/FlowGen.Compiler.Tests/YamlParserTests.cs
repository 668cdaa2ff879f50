using System;
using System.Linq;
using System.Text;
using FlowGen.Compiler.Json;
using static FlowGen.Compiler.Tests.YamlTestText;

namespace FlowGen.Compiler.Tests;

public sealed class YamlParserTests
{
    // ---- Block structure ----

    [Fact]
    public void Block_mappings_and_sequences_nest_by_indentation()
    {
        var root = Read("""
            a: 1
            b:
              c: two
              d:
                - x
                - y: 3
                  z: [4]
            e: last
            """);
        Assert.Equal("""{"a":1,"b":{"c":"two","d":["x",{"y":3,"z":[4]}]},"e":"last"}""", Show(root));
    }

    [Fact]
    public void Sequences_may_be_compact_and_sit_at_their_key_indentation()
    {
        var root = Read("""
            servers:
            - url: https://a
              description: first
            - url: https://b
            - - nested
              - seq
            -
              key: below
            tags: [x]
            """);
        Assert.Equal("""{"servers":[{"url":"https://a","description":"first"},{"url":"https://b"},["nested","seq"],{"key":"below"}],"tags":["x"]}""", Show(root));
    }

    [Fact]
    public void Compact_mappings_take_sequences_at_their_key_indentation()
    {
        var root = Read("""
            - a:
              - x
              b: 1
            - c
            """);
        Assert.Equal("""[{"a":["x"],"b":1},"c"]""", Show(root));
    }

    [Fact]
    public void Empty_values_are_null_and_comments_and_blank_lines_are_skipped()
    {
        var root = Read("""
            # leading comment

            a:            # trailing comment
            b: ~
            c:
              # comment inside

            d: value # comment
            list:
            -
            - # empty item with a comment
            - end
            """);
        Assert.Equal("""{"a":null,"b":null,"c":null,"d":"value","list":[null,null,"end"]}""", Show(root));
    }

    [Fact]
    public void A_hash_starts_a_comment_only_after_whitespace()
    {
        var root = Read("""
            a: b#c
            url: http://x/#frag
            s: "a # b"
            t: a #b
            """);
        Assert.Equal("""{"a":"b#c","url":"http://x/#frag","s":"a # b","t":"a"}""", Show(root));
    }

    [Fact]
    public void A_top_level_scalar_is_a_document()
    {
        Assert.Equal("\"just text over two lines\"", Show(Read("just text\nover two lines\n")));
        Assert.Equal("42", Show(Read("42")));
    }

    // ---- Flow collections ----

    [Fact]
    public void Flow_collections_nest_and_span_lines()
    {
        var root = Read("""
            a: [1, [2, 3], {b: c, d: [e]}, "f", 'g']
            h: {i: 1,
              j: [k,
                  l],
               m: }
            n: [ ]
            o: {}
            p: [x, y, ]
            q: {r, s: t}
            u: [
              v, # a comment inside
              w
            ]
            """);
        Assert.Equal("""{"a":[1,[2,3],{"b":"c","d":["e"]},"f","g"],"h":{"i":1,"j":["k","l"],"m":null},"n":[],"o":{},"p":["x","y"],"q":{"r":null,"s":"t"},"u":["v","w"]}""", Show(root));
    }

    [Fact]
    public void Flow_scalars_fold_over_lines_and_may_be_empty_with_a_tag()
    {
        Assert.Equal("""["a b",{"c d":"e"}]""", Show(Read("[a\n b, {c\n d: e}]")));
        Assert.Equal("""["","x",{"k":"","":"v"}]""", Show(Read("[!!str , x, {k: !!str , !!str : v}]")));
    }

    [Fact]
    public void A_pair_in_a_flow_sequence_is_a_mapping_of_one_entry()
    {
        Assert.Equal("""[{"a":1},{"b":2},"c",{"d":null}]""", Show(Read("""[a: 1, "b":2, c, d: ]""")));
    }

    [Fact]
    public void Quoted_keys_may_touch_their_values_as_in_JSON_but_plain_keys_may_not()
    {
        Assert.Equal("""{"a":1,"b":[true,false,null],"c":{"d":"e"}}""", Show(Read("""{"a":1,"b":[true,false,null],"c":{"d":"e"}}""")));
        // In YAML a plain "a:1" is one scalar.
        Assert.Equal("""{"a:1":null,"url":"http://x:80/"}""", Show(Read("{a:1, url: http://x:80/}")));
    }

    // ---- Scalars ----

    [Fact]
    public void Plain_scalars_fold_over_lines()
    {
        var root = Read("""
            a: one
              two

              three
            b:
              four
               five
            c: x:y
            d: -1-
            e: ?f
            g: :h
            """);
        Assert.Equal("""{"a":"one two\nthree","b":"four five","c":"x:y","d":"-1-","e":"?f","g":":h"}""", Show(root));
    }

    [Fact]
    public void Single_quoted_scalars_double_their_quotes_and_fold()
    {
        var root = Read("""
            a: 'it''s'
            b: 'one
              two

              three  '
            c: ''
            """);
        Assert.Equal("""{"a":"it's","b":"one two\nthree  ","c":""}""", Show(root));
    }

    [Theory]
    [InlineData(@"""\x41\u00e9\U0001F600""", "Aé😀")]
    [InlineData(@"""tab\there""", "tab\there")]
    [InlineData(@"""a\""b\\c\/d""", "a\"b\\c/d")]
    [InlineData(@"""\0\a\b\v\f\r\e""", "\0\a\b\v\f\r\u001B")]
    [InlineData(@"""\N\_\L\P""", "\u0085\u00A0\u2028\u2029")]
    [InlineData(@"""\ x""", " x")]
    [InlineData("\"\\\tx\"", "\tx")]
    [InlineData(@"""\uD83D\uDE00""", "😀")]
    [InlineData(@"""# not a comment""", "# not a comment")]
    public void Double_quoted_scalars_know_every_escape(string yaml, string expected)
    {
        Assert.Equal(expected, Assert.IsType<JsonStringSyntax>(Read(yaml)).Value);
    }

    [Fact]
    public void Double_quoted_scalars_fold_and_continue_escaped_lines()
    {
        var root = Read("""
            a: "one \
              two"
            b: "three
              four

              five"
            c: "six\
              \ seven"
            """);
        Assert.Equal("""{"a":"one two","b":"three four\nfive","c":"six seven"}""", Show(root));
    }

    [Theory]
    [InlineData("a: |\n  line1\n  line2\n", "line1\nline2\n")]
    [InlineData("a: |-\n  x\n\n", "x")]
    [InlineData("a: |+\n  x\n\n\nb: 1", "x\n\n\n")]
    [InlineData("a: >\n  one\n  two\n\n  three\n", "one two\nthree\n")]
    [InlineData("a: >\n  text\n    more indented\n  back\n", "text\n  more indented\nback\n")]
    [InlineData("a: >\n\n  folded\n  line\n\n  next\n   * bullet\n\n   * list\n  last\n\n# comment\n", "\nfolded line\nnext\n * bullet\n\n * list\nlast\n")]
    [InlineData("a: |2\n    two extra\n  base\n", "  two extra\nbase\n")]
    [InlineData("a: >-\n\n  after blank\n", "\nafter blank")]
    [InlineData("a: |\n  # not a comment\n# a comment\nb: 1", "# not a comment\n")]
    [InlineData("- |1\n  x\n", " x\n")]
    [InlineData("a: |\nb: 1", "")]
    [InlineData("a: |+\n\n", "\n")]
    [InlineData("a: |\n  x", "x\n")]
    [InlineData("a: >2-\n   x\n", " x")]
    [InlineData("a: >-2\n   x\n", " x")]
    [InlineData("a: |\r\n  x\r\n  y\r\n", "x\ny\n")]
    [InlineData(">\n folded\n line\n", "folded line\n")]
    [InlineData("a: |\n  x  \n   \n  y\n", "x  \n \ny\n")]
    [InlineData("a: | # a comment\n  x\n", "x\n")]
    [InlineData("a: |\n  x\n\n\n", "x\n")]
    public void Block_scalars_keep_or_fold_lines_and_chomp_the_end(string yaml, string expected)
    {
        var root = Read(yaml);
        var value = root is JsonArraySyntax list ? list.Items[0] : root is JsonObjectSyntax ? Get(root, "a") : root;
        Assert.Equal(expected, Assert.IsType<JsonStringSyntax>(value).Value);
    }

    // ---- The core schema ----

    [Theory]
    [InlineData("", "null")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("false", "false")]
    [InlineData("False", "false")]
    [InlineData("FALSE", "false")]
    [InlineData("0", "0")]
    [InlineData("-12", "-12")]
    [InlineData("+7", "7")]
    [InlineData("012", "12")]
    [InlineData("0o17", "15")]
    [InlineData("0x1F", "31")]
    [InlineData("0xff", "255")]
    [InlineData("123456789012345678901234567890", "1.2345678901234568E+29")]
    [InlineData("1.5", "1.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("1.", "1")]
    [InlineData("1e3", "1000")]
    [InlineData("1E-2", "0.01")]
    [InlineData("+2.5e+2", "250")]
    [InlineData(".inf", "Infinity")]
    [InlineData("-.Inf", "-Infinity")]
    [InlineData("+.INF", "Infinity")]
    [InlineData(".nan", "NaN")]
    [InlineData(".NaN", "NaN")]
    [InlineData(".NAN", "NaN")]
    [InlineData("1e400", "Infinity")]
    public void Plain_scalars_follow_the_core_schema(string plain, string expected)
    {
        var value = Get(Read("v: " + plain), "v");
        switch (value)
        {
            case JsonNullSyntax: Assert.Equal("null", expected); break;
            case JsonBooleanSyntax b: Assert.Equal(expected, b.Value ? "true" : "false"); break;
            case JsonNumberSyntax n:
                Assert.Equal(expected, n.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(plain, n.Text);
                break;
            default: Assert.Fail($"'{plain}' read as {value.KindName}"); break;
        }
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("off")]
    [InlineData("nULL")]
    [InlineData("tRUE")]
    [InlineData("0b11")]
    [InlineData("1_000")]
    [InlineData("0x")]
    [InlineData("0o8")]
    [InlineData("1.2.3")]
    [InlineData("3.1.0")]
    [InlineData("1e")]
    [InlineData(".")]
    [InlineData("--")]
    [InlineData("inf")]
    [InlineData("nan")]
    [InlineData("+.nan")]
    [InlineData("0x1G")]
    [InlineData("12:30")]
    public void Other_plain_scalars_are_strings(string plain)
    {
        Assert.Equal(plain, Assert.IsType<JsonStringSyntax>(Get(Read("v: " + plain), "v")).Value);
    }

    [Fact]
    public void Quoted_scalars_are_always_strings()
    {
        Assert.Equal("""["1","true","null","~","",".inf"]""", Show(Read("""['1', "true", 'null', "~", "", '.inf']""")));
    }

    [Fact]
    public void Keys_are_property_names_as_written()
    {
        var root = Assert.IsType<JsonObjectSyntax>(Read("""
            200: a
            "quoted key": b
            'single': c
            null: d
            true: e
            ~: f
            1.50: g
            4XX: h
            key with spaces   : i
            """));
        Assert.Equal(new[] { "200", "quoted key", "single", "null", "true", "~", "1.50", "4XX", "key with spaces" }, root.Properties.Select(p => p.Name));
    }

    // ---- Tags ----

    [Theory]
    [InlineData("!!str 123", "\"123\"")]
    [InlineData("!!str", "\"\"")]
    [InlineData("!!int '42'", "42")]
    [InlineData("!!int 0x10", "0x10")]
    [InlineData("!!float 1", "1")]
    [InlineData("!!float -2.5", "-2.5")]
    [InlineData("!!bool \"true\"", "true")]
    [InlineData("!!null ''", "null")]
    [InlineData("!!map {a: 1}", "{\"a\":1}")]
    [InlineData("!!map", "{}")]
    [InlineData("!!seq [1]", "[1]")]
    [InlineData("!!seq", "[]")]
    [InlineData("! 12", "\"12\"")]
    [InlineData("!<tag:yaml.org,2002:str> 5", "\"5\"")]
    [InlineData("%TAG !e! tag:yaml.org,2002:\n--- !e!int 7", "7")]
    [InlineData("!!map\na: !!str 1", "{\"a\":\"1\"}")]
    [InlineData("a: !!seq\n- !!int 1", "{\"a\":[1]}")]
    [InlineData("!!str 200: x", "{\"200\":\"x\"}")]
    [InlineData("! [1]", "[1]")]
    [InlineData("%TAG ! tag:yaml.org,2002:\n--- !str 5", "\"5\"")]
    public void Core_tags_are_honoured(string yaml, string expected)
    {
        Assert.Equal(expected, Show(Read(yaml)));
    }

    [Theory]
    [InlineData("!!int abc", "'abc' is not an integer, as its tag says")]
    [InlineData("!!float x", "'x' is not a number")]
    [InlineData("!!bool yes", "'yes' is not a boolean")]
    [InlineData("!!null 0", "'0' is not a null")]
    [InlineData("!!binary aGk=", "unsupported YAML feature: the tag '!!binary'")]
    [InlineData("!local x", "unsupported YAML feature: the tag '!local'")]
    [InlineData("a: !<tag:example.com,2000:x> y", "unsupported YAML feature: the tag '!<tag:example.com,2000:x>'")]
    [InlineData("!e!x y", "undeclared tag handle '!e!'")]
    [InlineData("!!map [1]", "the tag !!map does not fit a sequence")]
    [InlineData("!!str {a: 1}", "the tag !!str does not fit a mapping")]
    [InlineData("!!seq x", "the tag !!seq does not fit a scalar value")]
    [InlineData("!!str !!int 1", "a node can have only one tag")]
    [InlineData("!! x", "the tag '!!' needs a name after its handle")]
    [InlineData("%TAG !e! tag:a,2000:\n--- !e! x", "the tag '!e!' needs a name after its handle")]
    [InlineData("!<tag:yaml.org,2002:str x", "a verbatim tag needs the form !<tag>")]
    [InlineData("%TAG !e!\n--- x", "the %TAG directive needs a prefix after '!e!'")]
    public void Other_tags_and_tags_that_do_not_fit_are_errors(string yaml, string message)
    {
        Assert.Contains(message, Fails(yaml).Message);
    }

    // ---- Documents and directives ----

    [Theory]
    [InlineData("--- \na: 1\n...\n", "{\"a\":1}")]
    [InlineData("---\n", "null")]
    [InlineData("--- text\n", "\"text\"")]
    [InlineData("--- |\n  literal\n", "\"literal\\n\"")]
    [InlineData("--- [1, 2]", "[1,2]")]
    [InlineData("%YAML 1.2\n---\na: 1", "{\"a\":1}")]
    [InlineData("%YAML 1.1 # a comment\n--- x", "\"x\"")]
    [InlineData("%RESERVED some directive\n--- x", "\"x\"")]
    [InlineData("# only a comment\n---\n# another\nx\n...\n# after the end\n", "\"x\"")]
    [InlineData("a: 1\n---x: 2", "{\"a\":1,\"---x\":2}")]
    [InlineData("...\n# a document end before the document\na: 1", "{\"a\":1}")]
    [InlineData("--- |\nfoo\n...\n", "\"foo\\n\"")]
    [InlineData("plain\ntext\n...\n", "\"plain text\"")]
    public void Documents_may_have_markers_and_directives(string yaml, string expected)
    {
        Assert.Equal(expected, Show(Read(yaml)));
    }

    [Theory]
    [InlineData("", 1, 1, "the file is empty")]
    [InlineData("# a comment\n", 2, 1, "the file is empty")]
    [InlineData("\uFEFF", 1, 2, "the file is empty")]
    [InlineData("a: 1\n---\nb: 2", 2, 1, "one document per file: a second document starts here")]
    [InlineData("a: 1\n...\nb: 2", 3, 1, "one document per file")]
    [InlineData("a: 1\n...\n---\nb: 2", 3, 1, "one document per file")]
    [InlineData("%YAML 2.0\n---\na", 1, 7, "unsupported YAML version 2.0")]
    [InlineData("%YAML one\n---\na", 1, 7, "needs a version such as 1.2")]
    [InlineData("%YAML 1.2\n%YAML 1.2\n---\na", 2, 1, "only one %YAML directive")]
    [InlineData("%TAG !e! tag:a,2000:\n%TAG !e! tag:b,2000:\n---\na", 2, 6, "the tag handle '!e!' is declared twice")]
    [InlineData("%TAG e tag:a,2000:\n---\na", 1, 6, "needs a tag handle")]
    [InlineData("%YAML 1.2\na: 1", 2, 1, "directives must be followed by '---'")]
    [InlineData("--- a: 1", 1, 5, "a block mapping cannot start on the '---' line")]
    [InlineData("--- - a", 1, 5, "a block sequence cannot start on the '---' line")]
    [InlineData("a: 1\n%YAML 1.2", 2, 1, "a directive ('%') can only come before '---'")]
    public void Document_errors_say_what_and_where(string yaml, int line, int column, string message)
    {
        var error = Fails(yaml);
        Assert.Contains(message, error.Message);
        Assert.Equal((line, column), Start(yaml, error.Span));
        Assert.StartsWith($"line {line}: ", error.Message);
    }

    // ---- Anchors, aliases and merge keys ----

    [Fact]
    public void An_alias_yields_the_anchored_node_itself()
    {
        var root = Read("""
            base: &b {x: 1}
            copy: *b
            list: [&s str, *s]
            key: &k
              deep: [1, 2]
            again: *k
            """);
        Assert.Same(Get(root, "base"), Get(root, "copy"));
        Assert.Same(Get(root, "list", 0), Get(root, "list", 1));
        Assert.Same(Get(root, "key"), Get(root, "again"));
        Assert.Equal("""{"base":{"x":1},"copy":{"x":1},"list":["str","str"],"key":{"deep":[1,2]},"again":{"deep":[1,2]}}""", Show(root));
    }

    [Fact]
    public void An_anchor_may_be_redefined_and_aliases_see_the_latest()
    {
        Assert.Equal("[1,1,2,2]", Show(Read("[&a 1, *a, &a 2, *a]")));
    }

    [Fact]
    public void Anchors_on_a_mapping_and_on_its_first_key_are_told_apart()
    {
        var root = Read("""
            top: &map
              &key name: value
            map: *map
            key: *key
            """);
        Assert.Equal("""{"top":{"name":"value"},"map":{"name":"value"},"key":"name"}""", Show(root));
    }

    [Fact]
    public void Merge_keys_merge_mappings_and_explicit_keys_win()
    {
        var root = Read("""
            defaults: &d
              a: 1
              b: 2
            other: &o
              c: 3
              b: 20
            one:
              <<: *d
              b: 9
            many:
              x: 0
              <<: [*d, *o]
              a: 10
            inline:
              <<: {z: 26}
            flow: {<<: *o, c: 30}
            quoted:
              "<<": not a merge
            """);
        Assert.Equal("""{"a":1,"b":9}""", Show(Get(root, "one")));
        Assert.Equal("""{"x":0,"b":2,"c":3,"a":10}""", Show(Get(root, "many")));
        Assert.Equal("""{"z":26}""", Show(Get(root, "inline")));
        Assert.Equal("""{"b":20,"c":30}""", Show(Get(root, "flow")));
        Assert.Equal("""{"<<":"not a merge"}""", Show(Get(root, "quoted")));
        // A merged property is the anchored mapping's own, with its spans.
        Assert.Same(((JsonObjectSyntax)Get(root, "defaults")).Properties[0], ((JsonObjectSyntax)Get(root, "one")).Properties[0]);
    }

    [Theory]
    [InlineData("a: *nope", 1, 4, "unknown alias '*nope': no anchor '&nope' comes before it")]
    [InlineData("a: [*x, &x 1]", 1, 5, "unknown alias '*x'")]
    [InlineData("a: &x [1, *x]", 1, 11, "unsupported YAML feature: recursive structures")]
    [InlineData("a: &x 1\n<<: *x", 2, 1, "the merge key '<<' takes a mapping or a list of mappings, not a number")]
    [InlineData("<<: [{a: 1}, 2]", 1, 1, "but this list holds a number")]
    [InlineData("<<: {a: 1}\n<<: {b: 2}", 2, 1, "a mapping can have only one merge key '<<'")]
    [InlineData("&a x: 1\n*a : 2", 2, 1, "unsupported YAML feature: an alias as a mapping key")]
    [InlineData("b: &b 1\nx: &a *b", 2, 4, "an alias cannot have an anchor or a tag")]
    [InlineData("a: &x &y 1", 1, 7, "a node can have only one anchor")]
    [InlineData("a: & 1", 1, 4, "an anchor needs a name after '&'")]
    [InlineData("a: * 1", 1, 4, "an alias needs a name after '*'")]
    [InlineData("a: &x[1]", 1, 6, "an anchor or tag must be followed by a space")]
    public void Alias_and_merge_errors_say_what_and_where(string yaml, int line, int column, string message)
    {
        var error = Fails(yaml);
        Assert.Contains(message, error.Message);
        Assert.Equal((line, column), Start(yaml, error.Span));
    }

    // ---- Keys ----

    [Theory]
    [InlineData("a: 1\nb: 2\na: 3", 3, 1, "duplicate key 'a' in this mapping (first on line 1)")]
    [InlineData("{a: 1, 'a': 2}", 1, 8, "duplicate key 'a'")]
    [InlineData("x:\n  200: a\n  '200': b", 3, 3, "duplicate key '200' in this mapping (first on line 2)")]
    [InlineData("? complex\n: value", 1, 1, "unsupported YAML feature: complex mapping keys ('?')")]
    [InlineData("{? a: b}", 1, 2, "unsupported YAML feature: complex mapping keys ('?')")]
    [InlineData("[a, b]: c", 1, 1, "unsupported YAML feature: a mapping or sequence as a mapping key")]
    [InlineData("{[a]: b}", 1, 2, "unsupported YAML feature: a mapping or sequence as a mapping key")]
    [InlineData("{a: 1, : 2}", 1, 8, "a mapping key is missing")]
    [InlineData(": value", 1, 1, "a mapping key is missing before ':'")]
    [InlineData("\"a\nb\": 1", 1, 1, "a mapping key must be on one line")]
    [InlineData("[a\n b: c]", 1, 2, "a mapping key must be on one line")]
    public void Key_errors_say_what_and_where(string yaml, int line, int column, string message)
    {
        var error = Fails(yaml);
        Assert.Contains(message, error.Message);
        Assert.Equal((line, column), Start(yaml, error.Span));
    }

    [Fact]
    public void A_duplicate_key_is_found_in_a_large_mapping_too()
    {
        var yaml = string.Concat(Enumerable.Range(0, 50).Select(i => $"key{i}: {i}\n")) + "key7: again\n";
        var error = Fails(yaml);
        Assert.Equal((51, 1), Start(yaml, error.Span));
        Assert.Contains("duplicate key 'key7' in this mapping (first on line 8)", error.Message);
    }

    // ---- Text forms ----

    [Fact]
    public void A_byte_order_mark_is_skipped_and_CRLF_and_CR_line_ends_work()
    {
        var yaml = "\uFEFFa: 1\r\nb:\r\n  - x\r\n  - |\r\n    y\r\n    z\r\nc: 'p\r\n  q'\r\n";
        var root = Read(yaml);
        Assert.Equal("""{"a":1,"b":["x","y\nz\n"],"c":"p q"}""", Show(root));
        Assert.Equal((3, 5), Start(yaml, Get(root, "b", 0).Span));
        Assert.Equal((1, 2), Start(yaml, ((JsonObjectSyntax)root).Properties[0].NameSpan));
        Assert.Equal("""{"a":1,"b":2}""", Show(Read("a: 1\rb: 2\r")));
    }

    [Theory]
    [InlineData("a:\n\tb: 1", 2, 1)]
    [InlineData("a: 1\n\tb: 2", 2, 1)]
    [InlineData("a:\n  b: 1\n \tc: 2", 3, 2)]
    [InlineData("- a\n-\tb: 1", 2, 2)]
    [InlineData("-\t- a", 1, 2)]
    [InlineData("key:\n\t- x", 2, 1)]
    [InlineData("a: |\n  text\n\t\nb: 1", 3, 1)]
    [InlineData("\tx: 1", 1, 1)]
    public void A_tab_cannot_indent(string yaml, int line, int column)
    {
        var error = Fails(yaml);
        Assert.Equal($"line {line}: a tab cannot indent YAML; indent with spaces", error.Message);
        Assert.Equal((line, column), Start(yaml, error.Span));
    }

    [Fact]
    public void Tabs_may_separate_where_they_do_not_indent()
    {
        Assert.Equal("""{"a":"b","c":[1,2],"d":"e f","g":"h"}""", Show(Read("a:\tb\nc: [1,\t2]\nd: e\n \tf\ng: h\t# comment\n")));
        Assert.Equal("""{"a":1}""", Show(Read("{\n\t\"a\": 1\n}")));
        Assert.Equal("""{"a":"\ttext\n"}""", Show(Read("a: |\n  \ttext\n")));
    }

    [Fact]
    public void Control_characters_must_be_escaped()
    {
        var error = Fails("a: b\u0001c");
        Assert.Equal("line 1: the character U+0001 is not allowed in YAML; write it as an escape in a double-quoted string", error.Message);
        Assert.Equal(4, error.Span.Start);
        Assert.Contains("U+D800", Fails("a: \uD800").Message);
    }

    // ---- Spans ----

    [Fact]
    public void Spans_point_at_keys_and_values()
    {
        var yaml = """
            openapi: 3.1.0
            info:
              title: "Pets"
              tags: [a, 'b']
              list:
                - x
                - k: v
              text: |
                body
              empty:
            """;
        var root = Assert.IsType<JsonObjectSyntax>(Read(yaml));
        Assert.Equal((1, 1), Start(yaml, root.Span));
        Assert.Equal(yaml.Length, root.Span.End);
        var openapi = root.Properties[0];
        Assert.Equal(((1, 1), "openapi"), (Start(yaml, openapi.NameSpan), TextOf(yaml, openapi.NameSpan)));
        Assert.Equal(((1, 10), "3.1.0"), (Start(yaml, openapi.Value.Span), TextOf(yaml, openapi.Value.Span)));
        var info = Assert.IsType<JsonObjectSyntax>(root["info"]);
        Assert.Equal((3, 3), Start(yaml, info.Span));
        Assert.Equal(((3, 3), "title"), (Start(yaml, info.Properties[0].NameSpan), TextOf(yaml, info.Properties[0].NameSpan)));
        Assert.Equal(((3, 10), "\"Pets\""), (Start(yaml, info["title"]!.Span), TextOf(yaml, info["title"]!.Span)));
        Assert.Equal(((4, 9), "[a, 'b']"), (Start(yaml, info["tags"]!.Span), TextOf(yaml, info["tags"]!.Span)));
        Assert.Equal(((4, 13), "'b'"), (Start(yaml, Get(info, "tags", 1).Span), TextOf(yaml, Get(info, "tags", 1).Span)));
        var list = info["list"]!;
        Assert.Equal(((6, 5), "- x\n    - k: v"), (Start(yaml, list.Span), TextOf(yaml, list.Span)));
        var k = ((JsonObjectSyntax)Get(list, 1)).Properties[0];
        Assert.Equal(((7, 7), (7, 10)), (Start(yaml, k.NameSpan), Start(yaml, k.Value.Span)));
        Assert.Equal(((8, 9), "|\n    body"), (Start(yaml, info["text"]!.Span), TextOf(yaml, info["text"]!.Span)));
        // An empty value is an empty span right after its key's ':'.
        Assert.Equal(((10, 9), 0), (Start(yaml, info["empty"]!.Span), info["empty"]!.Span.Length));
    }

    [Fact]
    public void Spans_of_multi_line_scalars_cover_their_lines()
    {
        var yaml = "a: one\n  two # c\nb: \"x\n  y\"\n";
        var root = Read(yaml);
        Assert.Equal("one\n  two", TextOf(yaml, Get(root, "a").Span));
        Assert.Equal("\"x\n  y\"", TextOf(yaml, Get(root, "b").Span));
    }

    // ---- Other errors ----

    [Theory]
    [InlineData("a: 'x", 1, 4, "this single-quoted string is never closed")]
    [InlineData("a: \"x\n  y", 1, 4, "this double-quoted string is never closed")]
    [InlineData("a: \"x\\q\"", 1, 6, "invalid escape '\\q' in a double-quoted string")]
    [InlineData("a: \"\\u12\"", 1, 5, "invalid \\u escape: expected 4 hex digits")]
    [InlineData("a: \"\\xZZ\"", 1, 5, "invalid \\x escape: expected 2 hex digits")]
    [InlineData("a: \"\\UFFFFFFFF\"", 1, 5, "the \\U escape names no Unicode character")]
    [InlineData("a: [1, 2", 1, 4, "this '[' is never closed: expected ']'")]
    [InlineData("a: {b: 1", 1, 4, "this '{' is never closed: expected '}'")]
    [InlineData("a: [1\n---\n]", 1, 4, "this '[' is never closed")]
    [InlineData("a: \"x\n---\n\"", 2, 1, "a document marker cannot stand inside a quoted string")]
    [InlineData("a: [1, 2] x", 1, 11, "unexpected 'x' after the value")]
    [InlineData("a: \"b\"#c", 1, 7, "a comment needs a space before '#'")]
    [InlineData("a: b: c", 1, 4, "a block mapping cannot start on the same line as its key")]
    [InlineData("a: - b", 1, 4, "a block sequence cannot start on the same line as its key")]
    [InlineData("- a: &x - b", 1, 6, "an anchor or tag of a block sequence must be on the line before it")]
    [InlineData("a:\n    b: 1\n  c: 2", 3, 3, "bad indentation: this line does not line up with the 'key: value' entries above it")]
    [InlineData("a:\n  - \"b\"\n    - c", 3, 5, "bad indentation: this line does not line up with the '- ' items above it")]
    [InlineData("  a: 1\nb: 2", 2, 1, "bad indentation: this line does not continue the YAML above it")]
    [InlineData("- a\nb: 1", 2, 1, "expected a sequence item ('- ') at this indentation")]
    [InlineData("a:\n  - x\n  -y", 3, 3, "expected a sequence item ('- ') at this indentation")]
    [InlineData("a: 1\n- b", 2, 1, "a sequence item ('- ') cannot stand among the 'key: value' entries of a mapping")]
    [InlineData("a: 1\nb", 2, 1, "expected a 'key: value' entry here (a line that continues a value must be indented more than its key)")]
    [InlineData("a: x\n  y: z", 2, 4, "unexpected ': ' in a value continued from the line above")]
    [InlineData("a: @x", 1, 4, "'@' is reserved in YAML and cannot start a plain value")]
    [InlineData("a: `x", 1, 4, "'`' is reserved in YAML")]
    [InlineData("a: %x", 1, 4, "'%' cannot start a plain value here; quote the value")]
    [InlineData("a: |x", 1, 5, "invalid block scalar header")]
    [InlineData("a: |0\n  x", 1, 5, "invalid block scalar header")]
    [InlineData("a: |\n\n   \n  x", 1, 4, "a leading empty line of this block scalar has more spaces than its first text line")]
    [InlineData("a: [b,\nc]", 2, 1, "bad indentation: a flow collection continued on this line must be indented more than the block it is in")]
    [InlineData("a: \"b\nc\"", 2, 1, "bad indentation: a quoted string continued on this line must be indented more than the block it is in")]
    [InlineData("[a, , b]", 1, 5, "unexpected ',': expected a value")]
    [InlineData("[a b c", 1, 1, "this '[' is never closed")]
    [InlineData("{a: 1 b: 2}", 1, 8, "expected ',' or '}' in the flow mapping")]
    [InlineData("[a, b}", 1, 6, "expected ',' or ']' in the flow sequence")]
    [InlineData("]", 1, 1, "unexpected ']'")]
    [InlineData("a:\n  &x\n  &y b", 3, 3, "a node can have only one anchor")]
    [InlineData("a: !!str\n  !!int 1", 2, 3, "a node can have only one tag")]
    public void Errors_say_what_and_where(string yaml, int line, int column, string message)
    {
        var error = Fails(yaml);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"line {line}: ", error.Message);
        Assert.Equal((line, column), Start(yaml, error.Span));
    }

    // ---- Limits ----

    [Fact]
    public void Nesting_as_deep_as_JSON_allows_is_read()
    {
        var depth = 256;
        var flow = new string('[', depth) + new string(']', depth);
        Assert.NotNull(JsonParser.Parse(flow, out _));
        Assert.Equal(flow, Show(Read(flow)));
        var block = string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i) + "k:\n"));
        Assert.IsType<JsonObjectSyntax>(Read(block));
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("mapping")]
    [InlineData("sequence")]
    [InlineData("compact")]
    public void Deeper_nesting_is_an_error_not_a_crash(string shape)
    {
        var yaml = shape switch
        {
            "flow" => new string('[', 100_000),
            "mapping" => string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "k:\n")),
            "sequence" => string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "-\n")),
            _ => string.Concat(Enumerable.Repeat("- ", 100_000)) + "x",
        };
        Assert.Contains("the YAML is nested too deeply (more than 256 levels)", Fails(yaml).Message);
    }

    [Fact]
    public void Aliases_cannot_flood_the_reader_with_repeated_nodes()
    {
        // Each level repeats the one before ten times: 10^9 values from a few hundred bytes.
        var yaml = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++) yaml.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        var error = Fails(yaml.ToString());
        Assert.Contains("aliases repeat too much of this document", error.Message);
    }

    [Fact]
    public void Aliases_cannot_nest_deeper_than_the_limit()
    {
        // Each anchor wraps the one before 100 levels deeper.
        var yaml = new StringBuilder("a0: &a0 x\n");
        for (var i = 1; i <= 3; i++) yaml.Append($"a{i}: &a{i} {new string('[', 100)}*a{i - 1}{new string(']', 100)}\n");
        Assert.Contains("nested too deeply (more than 256 levels through aliases)", Fails(yaml.ToString()).Message);
    }
}
