using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using FlowGen.Runtime;
using static FlowGen.Runtime.Tests.Nodes.NodeTestMessages;

namespace FlowGen.Runtime.Tests.Flow;

public sealed class FlowCatchTests
{
    private static readonly FlowNodeInfo Json = new("j1", "json", "", "t.flow.json", 3, 3);

    [Fact]
    public void Each_catch_gets_its_own_copy_with_msg_error()
    {
        var msg = Message("""{"payload":"x"}""");

        var copies = FlowCatch.Messages(new FlowError("Unexpected token"), Json, msg, 2)!;

        Assert.Equal(2, copies.Length);
        Assert.NotSame(copies[0], copies[1]);
        Assert.Same(msg.Exchange, copies[0].Exchange);
        Assert.Equal("""{"payload":"x","error":{"message":"Unexpected token","source":{"id":"j1","type":"json","count":1}}}""", global::FlowGen.Runtime.Tests.Nodes.NodeTestMessages.Json(copies[0]));
        Assert.False(msg.ContainsKey("error"));
        // The source name is undefined when the node has none, its name otherwise.
        Assert.Same(JsUndefined.Value, ((JsObject)((JsObject)copies[0]["error"]!)["source"]!)["name"]);
        var named = FlowCatch.Messages(new FlowError("x"), Json with { Name = "parse" }, msg, 1)!;
        Assert.Equal("parse", ((JsObject)((JsObject)named[0]["error"]!)["source"]!)["name"]);
    }

    [Fact]
    public void An_earlier_error_moves_to_msg_error()
    {
        var msg = Message("""{"error":"earlier"}""");

        var copy = FlowCatch.Messages(new FlowError("boom"), Json, msg, 1)![0];

        Assert.Equal("earlier", copy["_error"]);
        Assert.Equal("boom", ((JsObject)copy["error"]!)["message"]);
    }

    [Theory]
    [InlineData("""{"error":{"source":{"id":"j1","count":3}}}""", 4.0)]
    [InlineData("""{"error":{"source":{"id":"other","count":3}}}""", 1.0)]
    [InlineData("""{"error":{"source":{"id":"j1"}}}""", double.NaN)]
    [InlineData("""{"error":"text"}""", 1.0)]
    public void The_count_goes_up_for_repeats_from_the_same_node(string json, double expected)
    {
        Assert.Equal(expected, FlowCatch.Count(Message(json), Json));
    }

    [Fact]
    public void The_tenth_error_from_one_node_for_one_message_is_not_caught()
    {
        Assert.Null(FlowCatch.Count(Message("""{"error":{"source":{"id":"j1","count":9}}}"""), Json));
        Assert.Null(FlowCatch.Messages(new FlowError("again"), Json, Message("""{"error":{"source":{"id":"j1","count":9}}}"""), 1));
        Assert.Equal("91", FlowCatch.Count(Message("""{"error":{"source":{"id":"j1","count":"9"}}}"""), Json));
    }

    [Fact]
    public void The_message_is_String_err_and_code_is_copied()
    {
        Assert.Equal("TypeError: bad", FlowError.MessageOf(new JsTypeError("bad")));
        Assert.Equal("RangeError: Invalid array length", FlowError.MessageOf(new JsRangeError("Invalid array length")));
        Assert.Equal("SyntaxError: Unexpected end of JSON input", FlowError.MessageOf(new JsonParseException("Unexpected end of JSON input", 0)));
        Assert.Equal("Error: other", FlowError.MessageOf(new InvalidOperationException("other")));

        var error = FlowCatch.ErrorValue(new FlowError("bad status", "ERR_X"), Json, 1d);
        Assert.Equal("ERR_X", error["code"]);
        Assert.Equal("INVALID_EXPR", FlowCatch.ErrorValue(new JsPathException("Invalid property expression"), Json, 1d)["code"]);
        Assert.False(FlowCatch.ErrorValue(new FlowError("no code"), Json, 1d).ContainsKey("code"));
    }
}

public sealed class FlowLinkCallTests
{
    private static readonly FlowNodeInfo Call = new("lc", "link call", "", "t.flow.json", 3, 3);
    private static readonly FlowNodeInfo Return = new("ret", "link out", "", "t.flow.json", 4, 3);

    private sealed class Recorder
    {
        public List<FlowMessage> Returned { get; } = new();

        public List<(string Error, FlowMessage Msg)> Errors { get; } = new();

        public ValueTask OnReturn(FlowMessage msg)
        {
            Returned.Add(msg);
            return default;
        }

        public ValueTask OnError(Exception error, FlowMessage msg)
        {
            Errors.Add((FlowError.MessageOf(error), msg));
            return default;
        }
    }

    [Fact]
    public async Task A_return_during_the_call_continues_with_the_same_message_and_pops_the_stack()
    {
        var recorder = new Recorder();
        var msg = Message("""{"payload":1}""");

        var call = FlowLinkCall.Begin(msg, Call, 30000, recorder.OnReturn, recorder.OnError);
        var entry = (JsObject)((JsArray)msg["_linkSource"]!)[0]!;
        Assert.Equal("lc", entry["node"]);
        Assert.Matches("^[0-9a-f]{28}$", (string)entry["id"]!);
        await FlowLinkCall.ReturnAsync(msg, Return);
        await call.EndAsync();

        Assert.Same(msg, Assert.Single(recorder.Returned));
        Assert.False(msg.ContainsKey("_linkSource"));
        Assert.Empty(recorder.Errors);
    }

    [Fact]
    public async Task A_call_that_ends_without_a_return_raises_timeout_with_the_message_at_the_call()
    {
        var recorder = new Recorder();
        var msg = Message("""{"payload":1}""");

        var call = FlowLinkCall.Begin(msg, Call, 30000, recorder.OnReturn, recorder.OnError);
        msg["payload"] = 2;
        await call.EndAsync();

        var (error, atCall) = Assert.Single(recorder.Errors);
        Assert.Equal("timeout", error);
        Assert.Equal("""{"payload":1,"_linkSource":[]}""", Json(atCall));
        Assert.Empty(recorder.Returned);
    }

    [Fact]
    public async Task A_late_return_reports_timeout_first_and_still_continues()
    {
        var recorder = new Recorder();
        var msg = Message("{}");

        var call = FlowLinkCall.Begin(msg, Call, 0, recorder.OnReturn, recorder.OnError);
        await FlowLinkCall.ReturnAsync(msg, Return);
        await call.EndAsync();

        Assert.Equal("timeout", Assert.Single(recorder.Errors).Error);
        Assert.Single(recorder.Returned);
    }

    [Fact]
    public async Task Nested_calls_return_last_in_first_out()
    {
        var outer = new Recorder();
        var inner = new Recorder();
        var msg = Message("{}");

        var first = FlowLinkCall.Begin(msg, Call, 30000, outer.OnReturn, outer.OnError);
        var second = FlowLinkCall.Begin(msg, Call with { Id = "lc2" }, 30000, inner.OnReturn, inner.OnError);
        Assert.Equal(2, ((JsArray)msg["_linkSource"]!).Count);
        await FlowLinkCall.ReturnAsync(msg, Return);
        Assert.Single(inner.Returned);
        Assert.Empty(outer.Returned);
        Assert.Single((JsArray)msg["_linkSource"]!);
        await second.EndAsync();
        await FlowLinkCall.ReturnAsync(msg, Return);
        await first.EndAsync();

        Assert.Single(outer.Returned);
        Assert.Empty(outer.Errors);
        Assert.Empty(inner.Errors);
    }

    [Fact]
    public async Task A_return_without_a_link_call_drops_the_message()
    {
        var msg = Message("""{"_linkSource":[{"id":"unknown","node":"lc"}]}""");

        await FlowLinkCall.ReturnAsync(msg, Return);
        await FlowLinkCall.ReturnAsync(Message("{}"), Return);

        Assert.Empty((JsArray)msg["_linkSource"]!);
    }

    [Fact]
    public void Unknown_and_ambiguous_targets_are_errors_with_Node_RED_text()
    {
        Assert.Equal("Error: target link-in node 'x' not found", FlowLinkCall.NotFound("x").Message);
        Assert.Equal("Error: target link-in node '' not found", FlowLinkCall.NotFound(JsUndefined.Value).Message);
        Assert.Equal("Error: Multiple link-in nodes named 'x' found", FlowLinkCall.Ambiguous("x").Message);
    }
}
