using System.Linq;
using System;
using System.Text.RegularExpressions;

namespace FlowGen.Runtime.Tests.Values;

/// <summary>lodash cloneDeep semantics, as used by RED.util.cloneMessage.</summary>
public class DeepCloneTests
{
    [Fact]
    public void PrimitivesAreReturnedAsTheyAre()
    {
        Assert.Null(Js.DeepClone(null));
        Assert.Same(JsUndefined.Value, Js.DeepClone(JsUndefined.Value));
        Assert.Equal(true, Js.DeepClone(true));
        Assert.Equal(1.5, Js.DeepClone(1.5));
        const string s = "text";
        Assert.Same(s, Js.DeepClone(s));
        var regex = new Regex("a");
        Assert.Same(regex, Js.DeepClone(regex));
    }

    [Fact]
    public void ObjectsAndArraysAreCopiedDeeply()
    {
        var original = (JsObject)JsJson.Parse("{\"b\":1,\"1\":{\"x\":[1,{\"y\":2}]},\"a\":[[],{}]}")!;
        var clone = Assert.IsType<JsObject>(Js.DeepClone(original));
        Assert.NotSame(original, clone);
        Assert.Equal(JsJson.Stringify(original), JsJson.Stringify(clone));

        var inner = (JsArray)((JsObject)clone["1"]!)["x"]!;
        ((JsObject)inner[1]!)["y"] = 3.0;
        inner.Add("new");
        Assert.Equal("{\"1\":{\"x\":[1,{\"y\":2}]},\"b\":1,\"a\":[[],{}]}", JsJson.Stringify(original));
        Assert.Equal("{\"1\":{\"x\":[1,{\"y\":3},\"new\"]},\"b\":1,\"a\":[[],{}]}", JsJson.Stringify(clone));
    }

    [Fact]
    public void HolesAndUndefinedSurvive()
    {
        var array = new JsArray();
        array.SetElement(2, 1.0);
        var o = new JsObject();
        o["u"] = JsUndefined.Value;
        o["a"] = array;
        var clone = (JsObject)Js.DeepClone(o)!;
        Assert.True(clone.ContainsKey("u"));
        var copy = (JsArray)clone["a"]!;
        Assert.Equal(3, copy.Count);
        Assert.Same(JsUndefined.Value, copy[0]);
    }

    [Fact]
    public void BuffersAndDatesAreNewInstances()
    {
        var bytes = new byte[] { 1, 2 };
        var clone = Assert.IsType<byte[]>(Js.DeepClone(bytes));
        Assert.NotSame(bytes, clone);
        Assert.Equal(bytes, clone);
        clone[0] = 9;
        Assert.Equal(1, bytes[0]);

        object date = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var dateClone = Js.DeepClone(date);
        Assert.Equal(date, dateClone);
        Assert.False(Js.StrictEquals(date, dateClone));
    }

    [Fact]
    public void SharedReferencesAndCyclesArePreserved()
    {
        var shared = JsArray.Of(1.0);
        var root = new JsObject();
        root["a"] = shared;
        root["b"] = shared;
        root["self"] = root;
        var clone = (JsObject)Js.DeepClone(root)!;
        Assert.Same(clone, clone["self"]);
        Assert.Same(clone["a"], clone["b"]);
        Assert.NotSame(shared, clone["a"]);

        var loop = new JsArray();
        loop.Add(loop);
        var loopClone = (JsArray)Js.DeepClone(loop)!;
        Assert.Same(loopClone, loopClone[0]);
        Assert.NotSame(loop, loopClone);
    }

    [Fact]
    public void SharingIsPreservedInGraphsOfManyContainers()
    {
        // Enough containers that the clone's bookkeeping outgrows its first few slots.
        var root = new JsArray();
        for (var i = 0; i < 40; i++)
        {
            var item = new JsObject();
            item["i"] = (double)i;
            item["root"] = root;
            root.Add(item);
        }

        root.Add(root[3]);
        root.Add(root[35]);
        var clone = (JsArray)Js.DeepClone(root)!;
        Assert.Equal(42, clone.Count);
        Assert.Same(clone[3], clone[40]);
        Assert.Same(clone[35], clone[41]);
        Assert.NotSame(root[35], clone[35]);
        Assert.All(clone.Take(40).Cast<JsObject>(), item => Assert.Same(clone, item["root"]));
        Assert.Equal("[{\"a\":[1,{\"b\":2}]},{\"c\":null}]", JsJson.Stringify(Js.DeepClone(JsJson.Parse("[{\"a\":[1,{\"b\":2}]},{\"c\":null}]"))));
    }

    [Fact]
    public void OtherClrNumbersBecomeDoubles()
    {
        Assert.Equal(3.0, Js.DeepClone(3));
    }
}
