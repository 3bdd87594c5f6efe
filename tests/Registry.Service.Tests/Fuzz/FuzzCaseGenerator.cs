using System.Collections;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Fuzz;

/// <summary>
/// Builds fuzzed calls for one RPC from its request descriptor, from a seeded <see cref="Random"/>: random-field
/// messages, messages with a field past its bound or a Timestamp/Duration out of range, malformed protobuf, bad framing,
/// oversized messages, and calls without a valid key. Each case carries the codes it may answer.
/// </summary>
public sealed class FuzzCaseGenerator(Random random, DateTimeOffset now)
{
    /// <summary>What a well-formed message may answer once a handler has it: anything a caller's mistake can earn.</summary>
    public static readonly IReadOnlySet<StatusCode> HandlerCodes = new HashSet<StatusCode>
    {
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.PermissionDenied,
        StatusCode.FailedPrecondition, StatusCode.ResourceExhausted, StatusCode.Aborted, StatusCode.OutOfRange,
    };

    private static readonly IReadOnlySet<StatusCode> Invalid = new HashSet<StatusCode> { StatusCode.InvalidArgument };
    private static readonly IReadOnlySet<StatusCode> TooLarge = new HashSet<StatusCode> { StatusCode.ResourceExhausted };
    private static readonly IReadOnlySet<StatusCode> Unimplemented = new HashSet<StatusCode> { StatusCode.Unimplemented };
    private static readonly IReadOnlySet<StatusCode> Unauthenticated = new HashSet<StatusCode> { StatusCode.Unauthenticated };
    private static readonly IReadOnlySet<StatusCode> Forbidden = new HashSet<StatusCode> { StatusCode.PermissionDenied };

    /// <summary>The kinds of case, in the order <see cref="Next"/> cycles through them.</summary>
    public static readonly string[] Kinds =
    [
        "random-fields", "random-fields", "random-fields", "field-over-bound", "well-known-out-of-range",
        "random-bytes", "bit-flip", "invalid-utf8", "truncated-field", "bad-wire-type", "bad-varint", "deep-groups",
        "prefix-longer-than-body", "truncated-prefix", "trailing-bytes", "compressed-no-encoding", "compressed-gzip",
        "bad-flag", "empty-body", "two-messages", "oversized-prefix", "oversized-message", "no-key", "garbled-key", "wrong-role",
    ];

    public FuzzCase Next(MethodDescriptor method, string kind)
    {
        ArgumentNullException.ThrowIfNull(method);
        var input = method.InputType;
        var single = !method.IsClientStreaming;
        var limit = RpcLimits.For(new FakeMethod(method)).MaxMessageSize;
        var valid = RandomMessage(input, depth: 0).ToByteArray();
        return kind switch
        {
            "random-fields" => Case(GrpcWire.Frame(valid), HandlerCodes),
            "field-over-bound" => OverBound(method, input),
            "well-known-out-of-range" => OutOfRange(method, input),
            "random-bytes" => Case(GrpcWire.Frame(Bytes(random.Next(0, 600))), HandlerCodes),
            "bit-flip" => Case(GrpcWire.Frame(Flip(valid)), HandlerCodes),
            "invalid-utf8" => InvalidUtf8(method, input, valid),
            "truncated-field" => Case(GrpcWire.Frame([.. valid, .. Tag(1000, 2), .. Varint(200), .. Bytes(random.Next(0, 50))]), Invalid),
            "bad-wire-type" => Case(GrpcWire.Frame([.. valid, .. Tag(random.Next(1, 2000), random.Next(6, 8))]), Invalid),
            "bad-varint" => Case(GrpcWire.Frame([.. valid, .. Tag(1001, 0), .. Enumerable.Repeat((byte)0xFF, 11)]), Invalid),
            "deep-groups" => Case(GrpcWire.Frame(DeepGroups(random.Next(101, 400))), Invalid),
            "prefix-longer-than-body" => Case(LongerPrefix(valid), Invalid),
            "truncated-prefix" => Case(GrpcWire.Frame(valid)[..random.Next(1, 5)], Invalid),
            "trailing-bytes" => Case([.. GrpcWire.Frame(valid), .. Bytes(random.Next(1, 5))], Invalid),
            "compressed-no-encoding" => Case(GrpcWire.Frame(valid, flag: 1), Invalid, encoding: random.Next(2) == 0 ? null : "identity"),
            "compressed-gzip" => Case(GrpcWire.Frame(Bytes(random.Next(0, 200)), flag: 1), Unimplemented, encoding: "gzip"),
            "bad-flag" => Case(GrpcWire.Frame(valid, flag: (byte)random.Next(2, 256)), Invalid),
            "empty-body" => Case([], single ? Invalid : HandlerCodes),
            "two-messages" => Case([.. GrpcWire.Frame(valid), .. GrpcWire.Frame(RandomMessage(input, 0).ToByteArray())], single ? Invalid : HandlerCodes),
            "oversized-prefix" => Case(OversizedPrefix(limit), TooLarge),
            "oversized-message" => Case(GrpcWire.Frame(Bytes(limit + 1 + random.Next(0, 1000))), TooLarge),
            "no-key" => Case(GrpcWire.Frame(valid), Unauthenticated, caller: FuzzCaller.NoKey),
            "garbled-key" => Case(GrpcWire.Frame(valid), Unauthenticated, caller: FuzzCaller.GarbledKey),
            "wrong-role" => Case(GrpcWire.Frame(valid), Forbidden, caller: FuzzCaller.WrongRole),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown case kind"),
        };

        // A random message can itself be past the RPC's limit: then RESOURCE_EXHAUSTED comes first, whatever else is wrong.
        FuzzCase Case(byte[] body, IReadOnlySet<StatusCode> allowed, string? encoding = null, FuzzCaller caller = FuzzCaller.RightRole) =>
            new(method, kind, body, caller, encoding, caller == FuzzCaller.RightRole && FirstLength(body) > limit
                ? new HashSet<StatusCode>(allowed) { StatusCode.ResourceExhausted }
                : allowed);
    }

    /// <summary>A field with a bound set past it (or, without one, a random message that may reach a handler).</summary>
    private FuzzCase OverBound(MethodDescriptor method, MessageDescriptor input)
    {
        var message = RandomMessage(input, depth: 0);
        var bounded = Paths(input).Where(p => RequestFieldBounds.For(p[^1]) is not null && p[^1].FieldType is FieldType.String or FieldType.Bytes).ToList();
        if (bounded.Count == 0)
        {
            return new FuzzCase(method, "field-over-bound", GrpcWire.Frame(message.ToByteArray()), FuzzCaller.RightRole, null, HandlerCodes);
        }

        var path = bounded[random.Next(bounded.Count)];
        var bound = RequestFieldBounds.For(path[^1])!.Value;
        var length = bound + 1 + random.Next(0, bound + 1);
        object value = path[^1].FieldType == FieldType.String ? new string('x', length) : ByteString.CopyFrom(Bytes(length));
        Set(message, path, value);
        var bytes = message.ToByteArray();
        var limit = RpcLimits.For(new FakeMethod(method)).MaxMessageSize;
        return new FuzzCase(method, "field-over-bound", GrpcWire.Frame(bytes), FuzzCaller.RightRole, null, bytes.Length > limit ? TooLarge : Invalid);
    }

    /// <summary>A Timestamp or Duration with seconds or nanos past the type's range.</summary>
    private FuzzCase OutOfRange(MethodDescriptor method, MessageDescriptor input)
    {
        var message = RandomMessage(input, depth: 0);
        var paths = Paths(input).Where(p => p[^1].FieldType == FieldType.Message
            && p[^1].MessageType.FullName is "google.protobuf.Timestamp" or "google.protobuf.Duration").ToList();
        if (paths.Count == 0)
        {
            return new FuzzCase(method, "well-known-out-of-range", GrpcWire.Frame(message.ToByteArray()), FuzzCaller.RightRole, null, HandlerCodes);
        }

        var path = paths[random.Next(paths.Count)];
        IMessage value = path[^1].MessageType.FullName == "google.protobuf.Timestamp"
            ? random.Next(3) switch
            {
                0 => new Timestamp { Seconds = 253_402_300_800 + random.Next(0, int.MaxValue) },
                1 => new Timestamp { Seconds = -62_135_596_801 - random.Next(0, int.MaxValue) },
                _ => new Timestamp { Seconds = now.ToUnixTimeSeconds(), Nanos = random.Next(2) == 0 ? -1 - random.Next(1000) : 1_000_000_000 + random.Next(1000) },
            }
            : random.Next(3) switch
            {
                0 => new Duration { Seconds = 315_576_000_001 + random.Next(0, int.MaxValue) },
                1 => new Duration { Seconds = 3600, Nanos = 1_000_000_000 + random.Next(1000) },
                _ => new Duration { Seconds = 3600, Nanos = -1 - random.Next(1000) },
            };
        Set(message, path, value);
        return new FuzzCase(method, "well-known-out-of-range", GrpcWire.Frame(message.ToByteArray()), FuzzCaller.RightRole, null, Invalid);
    }

    /// <summary>A known string field whose bytes are not UTF-8 (the parser refuses them).</summary>
    private FuzzCase InvalidUtf8(MethodDescriptor method, MessageDescriptor input, byte[] valid)
    {
        var strings = input.Fields.InFieldNumberOrder().Where(f => f.FieldType == FieldType.String).ToList();
        if (strings.Count == 0)
        {
            return new FuzzCase(method, "invalid-utf8", GrpcWire.Frame(valid), FuzzCaller.RightRole, null, HandlerCodes);
        }

        byte[] garbage = [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80];
        var field = strings[random.Next(strings.Count)];
        return new FuzzCase(method, "invalid-utf8", GrpcWire.Frame([.. valid, .. Tag(field.FieldNumber, 2), .. Varint((ulong)garbage.Length), .. garbage]),
            FuzzCaller.RightRole, null, Invalid);
    }

    private IMessage RandomMessage(MessageDescriptor descriptor, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var oneof in descriptor.Oneofs.Where(o => !o.IsSynthetic))
        {
            var chosen = oneof.Fields[random.Next(oneof.Fields.Count)];
            SetRandom(message, chosen, depth);
        }

        foreach (var field in descriptor.Fields.InFieldNumberOrder().Where(f => f.RealContainingOneof is null))
        {
            if (random.NextDouble() < 0.75)
            {
                SetRandom(message, field, depth);
            }
        }

        return message;
    }

    private void SetRandom(IMessage message, FieldDescriptor field, int depth)
    {
        if (field.FieldType == FieldType.Message && depth >= 3)
        {
            return;
        }

        if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            var count = random.Next(10) == 0 ? random.Next(0, 130) : random.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                list.Add(RandomValue(field, depth));
            }
        }
        else
        {
            field.Accessor.SetValue(message, RandomValue(field, depth));
        }
    }

    private object RandomValue(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => RandomString(RequestFieldBounds.For(field)),
        FieldType.Bytes => ByteString.CopyFrom(Bytes(RandomLength(RequestFieldBounds.For(field) ?? 32))),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int)RandomInteger(),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => RandomInteger(),
        FieldType.UInt32 or FieldType.Fixed32 => (uint)RandomInteger(),
        FieldType.UInt64 or FieldType.Fixed64 => (ulong)RandomInteger(),
        FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, random.Next(8) == 0 ? random.Next(-5, 1000) : random.Next(0, field.EnumType.Values.Count)),
        FieldType.Message => field.MessageType.FullName switch
        {
            "google.protobuf.Timestamp" => Timestamp.FromDateTimeOffset(now.AddMinutes(random.Next(-60 * 24 * 400, 60 * 24 * 400))),
            "google.protobuf.Duration" => Duration.FromTimeSpan(TimeSpan.FromMinutes(random.Next(-10, 60 * 24 * 400))),
            _ => RandomMessage(field.MessageType, depth + 1),
        },
        _ => throw new NotSupportedException($"{field.FullName}: {field.FieldType}"),
    };

    private long RandomInteger() => random.Next(8) switch
    {
        0 => 0,
        1 => -1,
        2 => long.MaxValue,
        3 => long.MinValue,
        4 => int.MaxValue,
        _ => random.Next(0, 2000),
    };

    private int RandomLength(int bound) => random.Next(6) switch
    {
        0 => 0,
        1 => bound,
        2 => bound + 1,
        3 => random.Next(0, bound * 3 + 2),
        _ => random.Next(1, Math.Max(2, bound)),
    };

    private string RandomString(int? bound)
    {
        var length = RandomLength(bound ?? 64);
        var alphabet = random.Next(4) switch
        {
            0 => "abcdefghijklmnopqrstuvwxyz0123456789-_",
            1 => "ÄÖÜßабвгдеёжзқңөұүһі中文字😀\u200B\uFEFF",
            2 => "\u0000\u0001\t\n\r\u001B\u007F\u0085 %'\";--<>&",
            _ => "c_p_k_.0123456789ABCDEFabcdef",
        };
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            if (char.IsHighSurrogate(c) || char.IsLowSurrogate(c))
            {
                builder.Append("😀");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Flip(byte[] message)
    {
        var copy = message.Length == 0 ? Bytes(8) : (byte[])message.Clone();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    /// <summary>A frame whose length prefix promises more bytes than follow it.</summary>
    private byte[] LongerPrefix(byte[] message)
    {
        var frame = GrpcWire.Frame(message);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(message.Length + random.Next(1, 1000)));
        return frame;
    }

    private byte[] OversizedPrefix(int limit)
    {
        var length = random.Next(2) == 0 ? uint.MaxValue - (uint)random.Next(0, 1000) : (uint)limit + 1 + (uint)random.Next(0, 100_000);
        var frame = new byte[5 + random.Next(0, 100)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), length);
        return frame;
    }

    private static long FirstLength(byte[] body) =>
        body.Length < 5 ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4));

    private static byte[] DeepGroups(int depth)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < depth; i++)
        {
            bytes.AddRange(Tag(1000, 3));
        }

        for (var i = 0; i < depth; i++)
        {
            bytes.AddRange(Tag(1000, 4));
        }

        return [.. bytes];
    }

    private static byte[] Tag(int field, int wireType) => Varint(((ulong)(uint)field << 3) | (uint)wireType);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>Every path of singular fields (through singular message fields) to a field of <paramref name="descriptor"/>.</summary>
    private static IEnumerable<FieldDescriptor[]> Paths(MessageDescriptor descriptor, int depth = 0)
    {
        foreach (var field in descriptor.Fields.InFieldNumberOrder().Where(f => !f.IsRepeated))
        {
            yield return [field];
            if (field.FieldType == FieldType.Message && depth < 3)
            {
                foreach (var rest in Paths(field.MessageType, depth + 1))
                {
                    yield return [field, .. rest];
                }
            }
        }
    }

    private static void Set(IMessage message, FieldDescriptor[] path, object value)
    {
        var target = message;
        foreach (var field in path[..^1])
        {
            if (field.Accessor.GetValue(target) is not IMessage next)
            {
                next = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                field.Accessor.SetValue(target, next);
            }

            target = next;
        }

        path[^1].Accessor.SetValue(target, value);
    }

    /// <summary>An <see cref="IMethod"/> for a descriptor, to look its limit up as the service does.</summary>
    private sealed class FakeMethod(MethodDescriptor method) : IMethod
    {
        public MethodType Type => (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };

        public string ServiceName => method.Service.FullName;

        public string Name => method.Name;

        public string FullName => $"/{ServiceName}/{Name}";
    }
}
