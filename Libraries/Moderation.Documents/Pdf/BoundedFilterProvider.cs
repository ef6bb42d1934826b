using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Moderation.Documents.Pdf;

/// <summary>
/// PdfPig's stream filters with every decoded byte charged to an <see cref="ExpansionBudget"/>. A Flate stream is
/// inflated once into nothing, counting, before PdfPig decodes it into memory, so a PDF "deflate bomb" (a page whose
/// content stream expands to gigabytes) is refused after at most the budget's bytes of work.
/// </summary>
internal sealed class BoundedFilterProvider(IFilterProvider inner, ExpansionBudget budget) : IFilterProvider
{
    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Bound(inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Bound(inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Bound(inner.GetAllFilters());

    private IFilter[] Bound(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => new BoundedFilter(f, budget))];

    private sealed class BoundedFilter(IFilter inner, ExpansionBudget budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (inner is FlateFilter)
            {
                budget.Charge(InflatedLength(input, budget.Remaining + 1));
                return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            }

            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Charge(output.Length);
            return output;
        }

        /// <summary>How many bytes <paramref name="input"/> inflates to, counting no further than <paramref name="cap"/>.</summary>
        private static long InflatedLength(Memory<byte> input, long cap)
        {
            var compressed = MemoryMarshal.TryGetArray<byte>(input, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(input.ToArray(), writable: false);
            using (compressed)
            {
                // A zlib header (CMF with method 8) precedes the deflate data; PdfPig skips it the same way.
                if (input.Length >= 2 && (input.Span[0] & 0x0F) == 8)
                {
                    compressed.Position = 2;
                }

                using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
                var scratch = new byte[64 * 1024];
                long total = 0;
                try
                {
                    int read;
                    while (total < cap && (read = inflater.Read(scratch)) > 0)
                    {
                        total += read;
                    }
                }
                catch (InvalidDataException)
                {
                    // Corrupt deflate data: PdfPig decides what to make of it; what inflated so far is counted.
                }

                return total;
            }
        }
    }
}
