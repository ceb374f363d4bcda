package dev.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a connector's icon the way a browser will use it: the resource exists next to the connector class, is
 * well-formed XML (parsed by the JDK parser with DTDs and external entities refused) and its root element is
 * {@code svg} in the SVG namespace, without which an {@code <img>} shows nothing.
 */
final class SvgIcon {

    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private SvgIcon() {
    }

    /** What is wrong with the icon resource {@code name} of {@code connectorClass}; empty when nothing is. */
    static Optional<String> problem(Class<?> connectorClass, String name) {
        URL resource = connectorClass.getResource(name);
        if (resource == null) {
            return Optional.of("icon resource '" + name + "' not found next to " + connectorClass.getName()
                    + " (it is resolved with Class.getResource; put it in src/main/resources/"
                    + connectorClass.getPackageName().replace('.', '/') + "/)");
        }
        try (InputStream in = resource.openStream()) {
            Element root = parser().parse(in).getDocumentElement();
            if (!"svg".equals(root.getLocalName())) {
                return Optional.of("icon '" + name + "' has root element <" + root.getTagName()
                        + ">; an SVG file's root element is <svg>");
            }
            if (!SVG_NAMESPACE.equals(root.getNamespaceURI())) {
                return Optional.of("icon '" + name + "' lacks xmlns=\"" + SVG_NAMESPACE
                        + "\" on its <svg> element; browsers do not render it as an image without it");
            }
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of("icon '" + name + "' is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            return Optional.of("icon '" + name + "' cannot be read as XML: " + e.getMessage());
        }
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints "[Fatal Error]" to stderr before throwing; the exception says it all.
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a standard feature", e);
        }
    }
}
