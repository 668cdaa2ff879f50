using System;
using System.IO;
using System.Threading.Tasks;
using FlowGen.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGen.Runtime.Tests.Nodes;

public sealed class FileInNodeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flowgen-file-in-" + Guid.NewGuid().ToString("N"));
    private readonly string _outside;

    public FileInNodeTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllBytes(Path.Combine(_root, "a.txt"), "h\u00e9"u8.ToArray());
        File.WriteAllBytes(Path.Combine(_root, "bom.txt"), new byte[] { 0xEF, 0xBB, 0xBF, (byte)'x' });
        File.WriteAllBytes(Path.Combine(_root, "utf16.txt"), new byte[] { 0xFF, 0xFE, (byte)'h', 0, (byte)'i', 0 });
        _outside = _root + "-outside.txt";
        File.WriteAllText(_outside, "secret");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        File.Delete(_outside);
    }

    private FlowMessage Message(params (string Key, object? Value)[] properties)
    {
        var services = new ServiceCollection();
        services.Configure<FlowOptions>(o => o.FileRoot = _root);
        var msg = new FlowMessage(new FlowExchange(new DefaultHttpContext(), new FlowHost(services.BuildServiceProvider())));
        foreach (var (key, value) in properties) msg[key] = value;
        return msg;
    }

    [Fact]
    public async Task Reads_text_and_buffers_and_sets_msg_filename()
    {
        var text = Message();
        await FileInNode.ReadAsync(text, "a.txt", FileInFormat.Text, FileTextEncoding.None);
        var buffer = Message();
        await FileInNode.ReadAsync(buffer, "sub/../a.txt", FileInFormat.Buffer, FileTextEncoding.None);

        Assert.Equal("h\u00e9", text["payload"]);
        Assert.Equal("a.txt", text["filename"]);
        Assert.Equal("h\u00e9"u8.ToArray(), Assert.IsType<byte[]>(buffer["payload"]));
    }

    [Theory]
    [InlineData(FileTextEncoding.None, "bom.txt", "\uFEFFx")]
    [InlineData(FileTextEncoding.Utf8, "bom.txt", "x")]
    [InlineData(FileTextEncoding.Utf16LittleEndian, "utf16.txt", "hi")]
    [InlineData(FileTextEncoding.Latin1, "a.txt", "h\u00c3\u00a9")]
    [InlineData(FileTextEncoding.Hex, "a.txt", "68c3a9")]
    [InlineData(FileTextEncoding.Base64, "a.txt", "aMOp")]
    public async Task Decodes_with_the_configured_encoding(FileTextEncoding encoding, string name, string expected)
    {
        var msg = Message();
        await FileInNode.ReadAsync(msg, name, FileInFormat.Text, encoding);

        Assert.Equal(expected, msg["payload"]);
    }

    [Theory]
    [InlineData("nope.txt", "ENOENT", "Error: ENOENT: no such file or directory, open 'nope.txt'")]
    [InlineData("sub", "EISDIR", "Error: EISDIR: illegal operation on a directory, read")]
    [InlineData("../x.txt", "EACCES", "Error: EACCES: permission denied, open '../x.txt'")]
    public async Task Errors_carry_Node_messages_and_codes(string name, string code, string message)
    {
        var error = await Assert.ThrowsAsync<FlowError>(async () => await FileInNode.ReadAsync(Message(), name, FileInFormat.Text, FileTextEncoding.None));

        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task An_empty_name_is_a_flow_error_without_a_file_code()
    {
        var error = await Assert.ThrowsAsync<FlowError>(async () => await FileInNode.ReadAsync(Message(), "\t\r\n", FileInFormat.Text, FileTextEncoding.None));

        Assert.Equal("No filename specified", error.Message);
        Assert.Null(error.Code);
    }

    [Fact]
    public void Names_are_confined_to_the_root()
    {
        Assert.Equal(Path.Combine(_root, "a.txt"), FileInNode.Confine(_root, "a.txt"));
        Assert.Equal(Path.Combine(_root, "a.txt"), FileInNode.Confine(_root, "./sub/../a.txt"));
        Assert.Null(FileInNode.Confine(_root, "../" + Path.GetFileName(_outside)));
        Assert.Null(FileInNode.Confine(_root, _outside));
        Assert.Null(FileInNode.Confine(_root, "/etc/passwd"));
        Assert.Null(FileInNode.Confine(_root, "a.txt\0.png"));
        Assert.Null(FileInNode.Confine(_root, ""));
        Assert.Null(FileInNode.Confine(_root, "sub/../.."));
        // A sibling folder whose name starts with the root's name is outside too.
        Assert.Null(FileInNode.Confine(_root, "../" + Path.GetFileName(_root) + "-outside.txt"));
    }

    [Fact]
    public void A_symbolic_link_to_a_file_outside_the_root_is_outside()
    {
        var link = Path.Combine(_root, "link.txt");
        File.CreateSymbolicLink(link, _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "inside.txt"), Path.Combine(_root, "a.txt"));

        Assert.Null(FileInNode.Confine(_root, "link.txt"));
        Assert.NotNull(FileInNode.Confine(_root, "inside.txt"));
    }

    [Fact]
    public void The_file_root_defaults_to_the_content_root_and_FlowOptions_overrides_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Environment { ContentRootPath = _root + "/./sub" });
        Assert.Equal(Path.Combine(_root, "sub"), new FlowHost(services.BuildServiceProvider()).FileRoot);

        services.Configure<FlowOptions>(o => o.FileRoot = _outside);
        Assert.Equal(_outside, new FlowHost(services.BuildServiceProvider()).FileRoot);
    }

    private sealed class Environment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "Test";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("a\tb\r\n.txt", "ab.txt")]
    [InlineData(12d, "12")]
    public void The_name_is_Node_REDs_toString_without_tabs_and_line_breaks(object? value, string expected)
    {
        Assert.Equal(expected, FileInNode.FileName(value));
    }

    [Fact]
    public void sendError_passes_a_copy_without_payload_and_with_the_error_fields()
    {
        var msg = Message(("payload", "x"), ("filename", "nope.txt"));
        var copy = FileInNode.ErrorMessage(msg, new FlowError("Error: ENOENT: no such file or directory, open 'nope.txt'", "ENOENT"));

        Assert.NotSame(msg, copy);
        Assert.False(copy.ContainsKey("payload"));
        Assert.Equal("x", msg["payload"]);
        Assert.Equal("{\"errno\":-2,\"code\":\"ENOENT\",\"syscall\":\"open\",\"path\":\"nope.txt\"}", JsJson.Stringify(copy["error"]));
    }
}
