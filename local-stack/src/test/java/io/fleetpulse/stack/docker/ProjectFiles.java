package io.fleetpulse.stack.docker;

import io.fleetpulse.stack.flink.FlinkArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The project's own files as a test reads them: docker-compose.yml (anchors and merge keys
 * resolved), Dockerfiles, and values from the Maven poms (so the checks follow the build).
 */
final class ProjectFiles {

    private ProjectFiles() {}

    static Path projectDir() {
        return FlinkArtifacts.forWorkDir(Path.of(System.getProperty("fleet.work.dir", "work")))
                .projectDir();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (InputStream in = Files.newInputStream(projectDir().resolve("docker-compose.yml"))) {
            return (Map<String, Object>) new Yaml(options).load(in);
        }
    }

    /** The value of an XPath over a pom, relative to the project directory; empty if absent. */
    static String pom(String pomPath, String xpath) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        Document doc = f.newDocumentBuilder().parse(projectDir().resolve(pomPath).toFile());
        NodeList nodes =
                (NodeList)
                        XPathFactory.newInstance()
                                .newXPath()
                                .evaluate(xpath, doc, XPathConstants.NODESET);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    /** The file name of a module's job jar as its pom and the root pom's shade set-up name it. */
    static String jobJarName(String module) throws Exception {
        String artifactId = pom(module + "/pom.xml", "/project/artifactId");
        String version = pom(module + "/pom.xml", "/project/parent/version");
        String classifier =
                pom(
                        "pom.xml",
                        "//plugin[artifactId='maven-shade-plugin']//execution[id='job-jar']"
                                + "//shadedClassifierName");
        return artifactId + "-" + version + "-" + classifier + ".jar";
    }

    /** {@code FROM image[:tag] [AS name]} lines of a Dockerfile: the images. */
    static List<String> baseImages(Path dockerfile) throws IOException {
        return Files.readAllLines(dockerfile).stream()
                .map(String::trim)
                .filter(l -> l.toUpperCase(java.util.Locale.ROOT).startsWith("FROM "))
                .map(l -> l.split("\\s+")[1])
                .toList();
    }
}
