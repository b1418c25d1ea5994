/**
 * Prints the JVM options Spark's own launcher (bin/spark-submit) gives the driver on Java 17, for
 * the bench scripts that start SparkSubmit with plain java: java -cp SPARK_CP bench/SparkModuleOptions.java
 */
public class SparkModuleOptions {
    public static void main(String[] args) {
        System.out.println(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions());
    }
}
