namespace FlowGen.Runtime;

/// <summary>Which node of which flow file: for errors, logs and catch routing.</summary>
public sealed record FlowNodeInfo(string Id, string Type, string Name, string File, int Line, int Column)
{
    /// <summary>The name of the Activity of a flow this node starts (made once: a flow starts at every request).</summary>
    internal string ActivityName { get; } = "flow " + (Name.Length > 0 ? Name : Id);

    /// <summary>Node-RED's log form: [type:name] or [type:id].</summary>
    public override string ToString() => $"[{Type}:{(Name.Length > 0 ? Name : Id)}] ({File}:{Line}:{Column})";
}
