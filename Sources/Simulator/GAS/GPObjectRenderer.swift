import Foundation

extension GPObject {
    /// The document as the field's GAS sends it: XML declaration, DOCTYPE, one `gpPARAM` a line.
    public func rendered() -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<!DOCTYPE USER SYSTEM "gpOBJECT.DTD">"#,
            "<gpOBJECT>",
        ]
        for parameter in parameters {
            var line = #"<gpPARAM name="\#(XMLText.escapedAttribute(parameter.name))""#
            for attribute in parameter.attributes {
                line += #" \#(attribute.name)="\#(XMLText.escapedAttribute(attribute.value))""#
            }
            let value = parameter.isVerbatim ? parameter.value : XMLText.escaped(parameter.value)
            line += ">\(value)</gpPARAM>"
            lines.append(line)
        }
        lines.append("</gpOBJECT>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// XML escaping for element text and attribute values.
public enum XMLText {
    /// Escapes `&`, `<` and `>`; quotes stay as they are, as in the field's documents.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Escapes a value for a double-quoted attribute.
    public static func escapedAttribute(_ text: String) -> String {
        escaped(text).replacingOccurrences(of: "\"", with: "&quot;")
    }
}
