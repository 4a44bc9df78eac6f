package io.datalake.app.deploy;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the XML bodies of the AWS Query protocol as CloudFormation sends them:
 * {@code <XResponse><XResult>...</XResult><ResponseMetadata>} for answers and
 * {@code <ErrorResponse><Error>} for errors, in CloudFormation's namespace.
 */
final class QueryXml {
    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    /** Looked up once: the lookup costs more than writing a response. */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();

    private final StringWriter text = new StringWriter();
    private final XMLStreamWriter xml;
    /** Whether an {@code <ActionResult>} element is open, which {@link #finish(String)} closes. */
    private boolean inResult;

    private QueryXml(String root) {
        try {
            xml = FACTORY.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            xml.writeDefaultNamespace(NAMESPACE);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer to an action, opened at its {@code <ActionResult>} element. */
    static QueryXml response(String action) {
        QueryXml xml = new QueryXml(action + "Response").start(action + "Result");
        xml.inResult = true;
        return xml;
    }

    /** An answer without a result element, as DeleteStack's. */
    static QueryXml emptyResponse(String action) {
        return new QueryXml(action + "Response");
    }

    static String error(String code, String message, String requestId) {
        QueryXml error = new QueryXml("ErrorResponse").start("Error")
                .value("Type", "Sender").value("Code", code).value("Message", message).end()
                .value("RequestId", requestId);
        return error.finish();
    }

    QueryXml start(String name) {
        try {
            xml.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    QueryXml end() {
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** An element holding text; left out when the value is null, as AWS leaves out absent fields. */
    QueryXml value(String name, Object value) {
        if (value != null) {
            start(name);
            try {
                xml.writeCharacters(value.toString());
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
            end();
        }
        return this;
    }

    /** Closes the result element and adds the response metadata. */
    String finish(String requestId) {
        if (inResult) {
            end();
        }
        start("ResponseMetadata").value("RequestId", requestId).end();
        return finish();
    }

    private String finish() {
        try {
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
