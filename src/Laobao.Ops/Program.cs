using Laobao.Ops;

return await OpsCommandLine.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
