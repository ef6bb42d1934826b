using System.Buffers;

namespace FilterApi.Http;

/// <summary>
/// The exact bytes of a request body, read once into a pooled buffer and bounded in size: signed requests hash
/// them, and the endpoint parses them, without reading the stream twice.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(RequestBody))).AsMemory(0, Length);

    /// <param name="tooLarge">The refusal of a body over <paramref name="maxBytes"/>: 4000 unless the endpoint says otherwise.</param>
    /// <returns>The body, or why it cannot be read (too large, or a broken transfer).</returns>
    public static async Task<Outcome<RequestBody>> ReadAsync(
        HttpRequest http, int maxBytes, CancellationToken cancellationToken, Func<string, Refusal>? tooLarge = null)
    {
        tooLarge ??= Refusal.BadRequest;
        if (http.ContentLength > maxBytes)
        {
            return tooLarge($"request body is larger than {maxBytes} bytes");
        }

        // Pooled: this runs on every request, and a fresh 16 KB array each time showed up under load.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(http.ContentLength ?? 4096, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return tooLarge($"request body is larger than {maxBytes} bytes");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await http.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (BadHttpRequestException e) // Kestrel's own limits, or a broken chunked encoding
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return Refusal.BadRequest($"request body could not be read: {e.Message}");
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length > maxBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return tooLarge($"request body is larger than {maxBytes} bytes");
        }

        return new RequestBody(buffer, length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
