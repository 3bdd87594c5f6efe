using System.Globalization;

namespace Registry.Bench.Seed;

/// <summary>
/// <c>seed --database FILE ...</c> fills a registry database (see <see cref="SeedArguments"/>);
/// <c>encode --manifest FILE --out DIR [--pick N]</c> writes the h2load request bodies and <c>keys.env</c> (see <see cref="GrpcBodies"/>);
/// <c>decode-check FILE</c> prints the outcome of a framed CheckResponse;
/// <c>drive --manifest FILE --urls URL,URL ...</c> drives replicas with a different body per call (see <see cref="DriveArguments"/>).
/// Progress goes to stderr; <c>encode</c> prints the files it wrote on stdout.
/// </summary>
public static class SeedProgram
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            switch (args.FirstOrDefault())
            {
                case "seed":
                    await new RegistrySeeder(SeedArguments.Parse(SeedArguments.Pairs(args, 1)), Console.Error).RunAsync(CancellationToken.None);
                    return 0;
                case "encode":
                    var values = SeedArguments.Pairs(args, 1);
                    var manifest = SeedManifest.Read(values["manifest"]);
                    var pick = values.TryGetValue("pick", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
                    foreach (var path in GrpcBodies.Write(manifest, values["out"], pick))
                    {
                        Console.WriteLine(path);
                    }

                    return 0;
                case "drive":
                    return await new Http2Driver(DriveArguments.Parse(SeedArguments.Pairs(args, 1)), Console.Out, Console.Error).RunAsync(CancellationToken.None);
                case "decode-check":
                    Console.WriteLine(GrpcBodies.CheckOutcome(args[1]));
                    return 0;
                default:
                    await Console.Error.WriteLineAsync("usage: seed (--database FILE | --provider postgres --connection \"Host=..;Port=..;Username=..;Database=NAME\" --manifest FILE) [--records 1000000] [--consents 100000] [--found-fraction 0.5] [--two-identity-fraction 0.05] [--subject-key-secret BASE64] [--subject-key-id bench1] [--seed 42] [--overwrite true]\n       encode --manifest FILE --out DIR [--pick 0]\n       decode-check RESPONSE.bin\n       drive --manifest FILE --urls http://127.0.0.1:P1[,http://127.0.0.1:P2...] [--case check-use|public-key] [--in-flight 64] [--connections 4] [--seconds 10] [--run-id ID] [--offset 0]");
                    return 1;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or FileNotFoundException or InvalidOperationException or FormatException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
    }
}
