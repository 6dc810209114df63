using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Charla.Protocols.Lines;

namespace Charla.Benchmarks;

/// <summary>Splitting a read buffer into lines: must not allocate per line.</summary>
[MemoryDiagnoser]
public class LineFramingBenchmarks
{
    private ReadOnlySequence<byte> _buffer;
    private LineFramer _framer;

    [GlobalSetup]
    public void Setup()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => $"message number {i} with some ordinary chat text in it\r\n"));
        _buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text));
        _framer = new LineFramer(400);
    }

    /// <summary>100 lines per operation.</summary>
    [Benchmark]
    public int Frame100Lines()
    {
        var buffer = _buffer;
        var count = 0;
        while (_framer.TryRead(ref buffer, out _) == FrameStatus.Line)
        {
            count++;
        }

        return count;
    }
}
