using System;
using System.Collections.Generic;
using System.Linq;

namespace FlowGen.Runtime.Tests.Values;

public class JsObjectTests
{
    [Fact]
    public void MissingKeysReadAsUndefined()
    {
        var o = new JsObject();
        Assert.Same(JsUndefined.Value, o["nope"]);
        Assert.False(o.TryGetValue("nope", out _));
        Assert.False(o.ContainsKey("nope"));
        Assert.False(o.Remove("nope"));
        Assert.Equal(0, o.Count);
    }

    [Fact]
    public void UndefinedIsAStoredValueUntilRemoved()
    {
        var o = new JsObject();
        o["u"] = JsUndefined.Value;
        Assert.True(o.ContainsKey("u"));
        Assert.True(o.TryGetValue("u", out var value));
        Assert.Same(JsUndefined.Value, value);
        Assert.Equal(1, o.Count);
        Assert.True(o.Remove("u"));
        Assert.False(o.ContainsKey("u"));
    }

    [Fact]
    public void NullIsAValue()
    {
        var o = new JsObject();
        o["n"] = null;
        Assert.True(o.ContainsKey("n"));
        Assert.Null(o["n"]);
    }

    [Fact]
    public void ReplacingKeepsInsertionPosition()
    {
        var o = new JsObject();
        o["a"] = 1.0;
        o["b"] = 2.0;
        o["a"] = 3.0;
        Assert.Equal(["a", "b"], o.Keys.ToArray());
        Assert.Equal(3.0, o["a"]);
        o.Remove("a");
        o["a"] = 4.0;
        Assert.Equal(["b", "a"], o.Keys.ToArray());
    }

    [Fact]
    public void EntriesPutArrayIndexKeysFirstInNumericOrder()
    {
        var o = new JsObject();
        foreach (var key in new[] { "b", "10", "a", "2", "01", "-1", "1.5", "4294967295", "4294967294", "0", " 1", "x" })
        {
            o[key] = key;
        }

        Assert.Equal(
            ["0", "2", "10", "4294967294", "b", "a", "01", "-1", "1.5", "4294967295", " 1", "x"],
            o.Keys.ToArray());
        Assert.All(o.Entries, e => Assert.Equal(e.Key, e.Value));
        Assert.Equal(12, o.Count);

        o.Remove("2");
        o.Remove("0");
        o.Remove("10");
        o.Remove("4294967294");
        Assert.Equal(["b", "a", "01", "-1", "1.5", "4294967295", " 1", "x"], o.Keys.ToArray());
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("7", true)]
    [InlineData("4294967294", true)]
    [InlineData("4294967295", false)]
    [InlineData("99999999999", false)]
    [InlineData("01", false)]
    [InlineData("-0", false)]
    [InlineData("1e3", false)]
    [InlineData("", false)]
    [InlineData("a", false)]
    [InlineData("\u0661", false)]
    public void ArrayIndexKeys(string key, bool isIndex)
    {
        Assert.Equal(isIndex, JsObject.IsArrayIndex(key));
    }

    [Fact]
    public void ClearAndConstructFromPairs()
    {
        var o = new JsObject([new KeyValuePair<string, object?>("a", 1.0), new KeyValuePair<string, object?>("1", 2.0), new KeyValuePair<string, object?>("a", 3.0)]);
        Assert.Equal("{\"1\":2,\"a\":3}", JsJson.Stringify(o));
        o.Clear();
        Assert.Equal(0, o.Count);
        Assert.Empty(o.Entries);
        o["5"] = 1.0;
        o["z"] = 2.0;
        Assert.Equal(["5", "z"], o.Keys.ToArray());
    }

    [Fact]
    public void BehavesAsAnOrderedMapThroughAnyMixOfSetsAndDeletes()
    {
        // Against .NET's ordered dictionary, through sizes on both sides of the switch from linear search to an index.
        var random = new Random(7);
        var o = new JsObject();
        var expected = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        for (var step = 0; step < 5000; step++)
        {
            var key = "k" + random.Next(step % 1000 < 500 ? 6 : 40);
            switch (random.Next(3))
            {
                case 0:
                    Assert.Equal(expected.Remove(key), o.Remove(key));
                    break;
                default:
                    o[key] = (double)step;
                    expected[key] = (double)step;
                    break;
            }

            Assert.Equal(expected.Count, o.Count);
            Assert.Equal(expected.ContainsKey(key), o.ContainsKey(key));
            Assert.Equal(expected.TryGetValue(key, out var value) ? value : JsUndefined.Value, o[key]);
            if (step % 50 == 0)
            {
                Assert.Equal(expected.Keys, o.Keys);
            }
        }
    }

    [Fact]
    public void AddingOrDeletingKeysWhileEnumeratingIsRefused()
    {
        var o = new JsObject();
        o["a"] = 1.0;
        o["b"] = 2.0;
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var entry in o.Entries) o[entry.Key + "2"] = 0.0;
        });
        o["1"] = 3.0;
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var entry in o.Entries) o.Remove("a");
        });

        // Replacing values in place is fine, as it is for .NET dictionaries.
        foreach (var entry in o.Entries) o[entry.Key] = "x";
        // The first loop added "a2" before it was stopped; the second deleted "a".
        Assert.Equal("{\"1\":\"x\",\"b\":\"x\",\"a2\":\"x\"}", JsJson.Stringify(o));
    }

    [Fact]
    public void ToStringIsObjectObject()
    {
        Assert.Equal("[object Object]", new JsObject().ToString());
    }

    [Fact]
    public void LazyPropertiesMaterializeOnceOnFirstUse()
    {
        var o = new LazyRequest();
        Assert.Equal(0, o.HeaderBuilds);
        Assert.Equal("1.1", o["httpVersion"]);
        Assert.Equal(0, o.HeaderBuilds);

        var headers = Assert.IsType<JsObject>(o["headers"]);
        Assert.Equal(1, o.HeaderBuilds);
        Assert.Same(headers, o["headers"]);
        Assert.True(o.ContainsKey("headers"));
        Assert.Equal(1, o.HeaderBuilds);
    }

    [Fact]
    public void DeletingALazyPropertyIsNotUndoneLater()
    {
        var o = new LazyRequest();
        Assert.True(o.Remove("headers"));
        Assert.False(o.ContainsKey("headers"));
        Assert.Same(JsUndefined.Value, o["headers"]);
        Assert.Equal(1, o.HeaderBuilds);
    }

    [Fact]
    public void OverwritingALazyPropertyWins()
    {
        var o = new LazyRequest();
        o["headers"] = "mine";
        Assert.Equal("mine", o["headers"]);
        Assert.Equal(["httpVersion", "headers"], o.Keys.ToArray());
    }

    [Fact]
    public void EnumerationAndCountMaterializeEverything()
    {
        var o = new LazyRequest();
        Assert.Equal(2, o.Count);
        Assert.Equal(1, o.HeaderBuilds);
        Assert.Equal("{\"httpVersion\":\"1.1\",\"headers\":{\"host\":\"example\"}}", JsJson.Stringify(new LazyRequest()));
    }

    [Fact]
    public void DeepCloneOfALazyObjectIsAPlainCopy()
    {
        var clone = Assert.IsType<JsObject>(Js.DeepClone(new LazyRequest()));
        Assert.Equal("{\"httpVersion\":\"1.1\",\"headers\":{\"host\":\"example\"}}", JsJson.Stringify(clone));
    }

    [Fact]
    public void SharedObjectsAreNotCloned()
    {
        var shared = new SharedObject();
        var msg = new JsObject();
        msg["req"] = shared;
        msg["payload"] = new JsObject();
        var clone = (JsObject)Js.DeepClone(msg)!;
        Assert.Same(shared, clone["req"]);
        Assert.NotSame(msg["payload"], clone["payload"]);
    }

    [Fact]
    public void JsArrayHolesAndLength()
    {
        var a = new JsArray();
        a.SetElement(2, "x");
        Assert.Equal(3, a.Count);
        Assert.Same(JsUndefined.Value, a[0]);
        Assert.Same(JsUndefined.Value, a.ElementAtOrUndefined(7));
        Assert.Same(JsUndefined.Value, a.ElementAtOrUndefined(-1));
        a.SetElement(0, 1.0);
        Assert.Equal(1.0, a[0]);
        a.SetLength(1);
        Assert.Single(a);
        a.SetLength(3);
        Assert.Equal(3, a.Count);
        Assert.Same(JsUndefined.Value, a[2]);
        Assert.Throws<JsRangeError>(() => a.SetElement(JsArray.MaxHoles + 10L, 1.0));
        Assert.Equal("[1,null,null]", JsJson.Stringify(a));
    }

    /// <summary>A request-like object whose headers are computed on first use.</summary>
    private sealed class LazyRequest : JsObject
    {
        private bool _headersDone;

        public LazyRequest()
            : base(hasLazyProperties: true)
        {
            SetOwn("httpVersion", "1.1");
        }

        public int HeaderBuilds { get; private set; }

        protected override void Materialize(string key)
        {
            if (key == "headers")
            {
                BuildHeaders();
            }
        }

        protected override void MaterializeAll() => BuildHeaders();

        private void BuildHeaders()
        {
            if (_headersDone)
            {
                return;
            }

            _headersDone = true;
            HeaderBuilds++;
            var headers = new JsObject();
            headers["host"] = "example";
            SetOwn("headers", headers);
        }
    }

    private sealed class SharedObject : JsObject
    {
        public override bool SharedWhenCloned => true;
    }
}
