using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowGen.Bench.Delegates;

/// <summary>
/// Makes the HttpContext of one benchmark request, in memory: as Kestrel does, the feature objects are reused and
/// reset per request while the context and its feature collection are new, so features a request adds (the parsed
/// query, the request id) are made again for every request. The response body is a MemoryStream; OnStarting and
/// OnCompleted callbacks run as Kestrel runs them (before the first write, after the request).
/// </summary>
internal sealed class InMemoryRequest
{
    private readonly BenchRequest _request;
    private readonly byte[]? _body;
    private readonly IServiceProvider _services;
    private readonly HttpRequestFeature _requestFeature = new();
    private readonly ResponseFeature _response = new();
    private readonly BodyDetection _bodyDetection;
    private readonly HttpRequestLifetimeFeature _lifetime = new();
    private readonly ServiceProvidersFeature _servicesFeature = new();

    public InMemoryRequest(BenchRequest request, IServiceProvider services)
    {
        _request = request;
        _services = services;
        _body = request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body);
        _bodyDetection = new BodyDetection(_body is not null);
        _servicesFeature.RequestServices = services;
    }

    public MemoryStream ResponseBody => _response.BodyStream;

    public HttpContext Create()
    {
        var separator = _request.Path.IndexOf('?', StringComparison.Ordinal);
        var request = _requestFeature;
        request.Protocol = "HTTP/1.1";
        request.Scheme = "http";
        request.Method = _request.Method;
        request.PathBase = "";
        request.Path = separator < 0 ? _request.Path : _request.Path[..separator];
        request.QueryString = separator < 0 ? "" : _request.Path[separator..];
        request.RawTarget = _request.Path;
        var headers = request.Headers;
        headers.Clear();
        headers.Host = "127.0.0.1";
        if (_request.ContentType is not null) headers.ContentType = _request.ContentType;
        if (_body is not null)
        {
            headers.ContentLength = _body.Length;
            request.Body = new MemoryStream(_body, writable: false);
        }
        else
        {
            request.Body = Stream.Null;
        }
        _response.Reset();

        var features = new FeatureCollection(8);
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(_response);
        features.Set<IHttpResponseBodyFeature>(_response);
        features.Set<IHttpRequestBodyDetectionFeature>(_bodyDetection);
        features.Set<IHttpRequestLifetimeFeature>(_lifetime);
        features.Set<IServiceProvidersFeature>(_servicesFeature);
        return new DefaultHttpContext(features);
    }

    /// <summary>The end of the request, as Kestrel ends it: headers sent if nothing was written, then OnCompleted.</summary>
    public Task CompleteAsync() => _response.CompleteRequestAsync();

    public string Describe() =>
        _response.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + string.Join(", ", _response.Headers) + " " + Encoding.UTF8.GetString(_response.BodyStream.ToArray());

    public int StatusCode => _response.StatusCode;

    public IHeaderDictionary ResponseHeaders => _response.Headers;

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody { get; } = canHaveBody;
    }

    private sealed class ResponseFeature : IHttpResponseFeature, IHttpResponseBodyFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _onStarting = new();
        private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = new();
        private PipeWriter? _writer;
        private StartingStream? _stream;

        public MemoryStream BodyStream { get; } = new();

        public int StatusCode { get; set; }

        public string? ReasonPhrase { get; set; }

        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

        public Stream Body
        {
            get => Stream;
            set => throw new NotSupportedException();
        }

        public bool HasStarted { get; private set; }

        public Stream Stream => _stream ??= new StartingStream(this);

        public PipeWriter Writer => _writer ??= PipeWriter.Create(Stream, new StreamPipeWriterOptions(leaveOpen: true));

        public void Reset()
        {
            StatusCode = 200;
            ReasonPhrase = null;
            Headers.Clear();
            BodyStream.SetLength(0);
            HasStarted = false;
            _onStarting.Clear();
            _onCompleted.Clear();
        }

        public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));

        public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (HasStarted) return;
            HasStarted = true;
            // Kestrel runs them last registered first.
            for (var i = _onStarting.Count - 1; i >= 0; i--) await _onStarting[i].Callback(_onStarting[i].State);
        }

        public async Task CompleteRequestAsync()
        {
            await StartAsync();
            if (_writer is not null) await _writer.FlushAsync();
            for (var i = _onCompleted.Count - 1; i >= 0; i--) await _onCompleted[i].Callback(_onCompleted[i].State);
        }

        public Task CompleteAsync() => StartAsync();

        public void DisableBuffering()
        {
        }

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        /// <summary>The body stream: the first write starts the response, as in Kestrel.</summary>
        private sealed class StartingStream(ResponseFeature owner) : Stream
        {
            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => owner.BodyStream.Length;

            public override long Position
            {
                get => owner.BodyStream.Position;
                set => throw new NotSupportedException();
            }

            public override void Flush()
            {
            }

            public override Task FlushAsync(CancellationToken cancellationToken) => owner.StartAsync(cancellationToken);

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (owner.HasStarted)
                {
                    owner.BodyStream.Write(buffer.Span);
                    return default;
                }
                return StartThenWrite(buffer);
            }

            private async ValueTask StartThenWrite(ReadOnlyMemory<byte> buffer)
            {
                await owner.StartAsync();
                owner.BodyStream.Write(buffer.Span);
            }
        }
    }
}
