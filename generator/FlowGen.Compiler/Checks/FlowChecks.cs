using System.Collections.Generic;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;

namespace FlowGen.Compiler.Checks;

/// <summary>
/// The rules over a lowered flow file: what Node-RED would only show at run time (a request never answered, two
/// answers to one request, a node no request reaches), and what breaks the OpenAPI contract. Pure functions of the
/// lowered flow, run by the analyzers (and by the generator when analyzers are off, as a safety net).
/// </summary>
public static class FlowChecks
{
    public static void Run(LoweredFlow flow, List<DiagnosticInfo> diagnostics)
    {
        PathRules.Run(flow, diagnostics);
        NodeRules.Run(flow, diagnostics);
        ContractBindings.Run(flow, diagnostics);
        ContractRules.Run(flow, diagnostics);
    }
}
